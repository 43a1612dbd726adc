// Conversions between a ScanSchedule and the form that edits it.
import type { ScanSchedule, ScanScheduleInput } from '../../api/types'
import { CRON_PRESETS, cronFieldCount, normalizeCron, presetOf, splitWindow, type CronPreset } from './cron'

export interface ScanScheduleForm {
  name: string
  policy_id: string
  asset_ids: string[]
  cronPreset: CronPreset
  cronCustom: string
  windowStart: string
  windowEnd: string
  enabled: boolean
}

// A new schedule scans weekly at night: regular, and out of working hours.
export function emptyScheduleForm(): ScanScheduleForm {
  return {
    name: '',
    policy_id: '',
    asset_ids: [],
    cronPreset: 'weekly',
    cronCustom: '',
    windowStart: '',
    windowEnd: '',
    enabled: true,
  }
}

export function scheduleToForm(s: ScanSchedule): ScanScheduleForm {
  const preset = presetOf(s.cron ?? '')
  const window = splitWindow(s.window ?? '')
  return {
    name: s.name,
    policy_id: s.policy_id,
    asset_ids: [...(s.asset_ids ?? [])],
    cronPreset: preset,
    cronCustom: preset === 'custom' ? s.cron : '',
    windowStart: window.start,
    windowEnd: window.end,
    enabled: s.enabled,
  }
}

export function formCron(f: ScanScheduleForm): string {
  if (f.cronPreset === 'custom') return normalizeCron(f.cronCustom)
  return CRON_PRESETS.find((p) => p.key === f.cronPreset)?.cron ?? ''
}

export function formWindow(f: ScanScheduleForm): string {
  return f.windowStart && f.windowEnd ? `${f.windowStart}-${f.windowEnd}` : ''
}

export function formToScheduleInput(f: ScanScheduleForm): ScanScheduleInput {
  return {
    name: f.name.trim(),
    policy_id: f.policy_id,
    asset_ids: [...f.asset_ids],
    cron: formCron(f),
    window: formWindow(f),
    enabled: f.enabled,
  }
}

// Problems the browser can see before sending, as message keys and values.
export function cronProblem(f: ScanScheduleForm): { key: string; n?: number } | null {
  if (f.cronPreset !== 'custom') return null
  const n = cronFieldCount(f.cronCustom)
  if (n === 0) return { key: 'scanSchedule.cronRequired' }
  if (n !== 5) return { key: 'scanSchedule.cronFields', n }
  return null
}

export function windowProblem(f: ScanScheduleForm): string | null {
  if (!f.windowStart !== !f.windowEnd) return 'scanSchedule.windowBoth'
  if (f.windowStart && f.windowStart === f.windowEnd) return 'scanSchedule.windowSame'
  return null
}

export function isScheduleField(field: string): boolean {
  return /^(name|policy_id|asset_ids|cron|window|enabled)$/.test(field)
}
