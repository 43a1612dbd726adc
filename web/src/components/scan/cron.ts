// Cron expressions of scan schedules: the presets offered in the form, and a
// readable description of the common shapes (every day, a weekday, a day of
// the month at a fixed time). Anything else is shown as written.

export type CronPreset = 'manual' | 'daily' | 'weekly' | 'monthly' | 'custom'

export const CRON_PRESETS: { key: Exclude<CronPreset, 'custom'>; cron: string }[] = [
  { key: 'manual', cron: '' },
  { key: 'daily', cron: '0 2 * * *' },
  { key: 'weekly', cron: '0 2 * * 1' },
  { key: 'monthly', cron: '0 2 1 * *' },
]

export function normalizeCron(cron: string): string {
  return cron.trim().split(/\s+/).filter(Boolean).join(' ')
}

export function presetOf(cron: string): CronPreset {
  const c = normalizeCron(cron)
  return CRON_PRESETS.find((p) => p.cron === c)?.key ?? 'custom'
}

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

function weekday(field: string): number | null {
  const upper = field.toUpperCase()
  const named = DAY_NAMES.indexOf(upper)
  if (named >= 0) return named
  if (/^[0-7]$/.test(field)) return Number(field) % 7
  return null
}

function number(field: string, max: number): number | null {
  if (!/^\d{1,2}$/.test(field)) return null
  const n = Number(field)
  return n <= max ? n : null
}

const pad = (n: number) => String(n).padStart(2, '0')

// What a cron expression means, as a message key and its values; null when
// the expression is not one of the shapes described in words.
export type CronDescription =
  | { key: 'cron.daily'; time: string }
  | { key: 'cron.weekly'; day: number; time: string }
  | { key: 'cron.monthly'; day: number; time: string }
  | { key: 'cron.hourly'; minute: string }

export function describeCron(cron: string): CronDescription | null {
  const fields = normalizeCron(cron).split(' ')
  if (fields.length !== 5) return null
  const [min, hour, dom, month, dow] = fields
  const minute = number(min, 59)
  if (minute === null || month !== '*') return null
  if (hour === '*' && dom === '*' && dow === '*') return { key: 'cron.hourly', minute: pad(minute) }
  const h = number(hour, 23)
  if (h === null) return null
  const time = `${pad(h)}:${pad(minute)}`
  if (dom === '*' && dow === '*') return { key: 'cron.daily', time }
  if (dom === '*') {
    const day = weekday(dow)
    return day === null ? null : { key: 'cron.weekly', day, time }
  }
  if (dow === '*') {
    const day = number(dom, 31)
    return day === null || day === 0 ? null : { key: 'cron.monthly', day, time }
  }
  return null
}

// Same checks the browser can make before the server does the rest.
export function cronFieldCount(cron: string): number {
  const c = normalizeCron(cron)
  return c ? c.split(' ').length : 0
}

// A maintenance window "HH:MM-HH:MM" split into its two times; empty parts
// when there is none or it cannot be read.
export function splitWindow(window: string): { start: string; end: string } {
  const m = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(window ?? '')
  return m ? { start: m[1].padStart(5, '0'), end: m[2].padStart(5, '0') } : { start: '', end: '' }
}
