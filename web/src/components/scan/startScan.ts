// "Scan now" for one schedule. When the server refuses because a run of the
// schedule is already queued or running, that run is returned instead, so
// the caller can show its progress; outside the maintenance window the
// refusal is explained in the console's language.
import { scanScheduleApi } from '../../api'
import { ApiError } from '../../api/client'
import type { ScanRun } from '../../api/types'
import { i18n } from '../../i18n'
import { isRunActive } from './scanText'

export interface StartedScan {
  run: ScanRun
  // True when the run was already under way and no new one was queued.
  alreadyRunning: boolean
}

export async function startScan(scheduleId: string, window?: string): Promise<StartedScan> {
  try {
    return { run: await scanScheduleApi.run(scheduleId), alreadyRunning: false }
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 409) throw e
    const latest = await scanScheduleApi.runs(scheduleId, { limit: 1 }).catch(() => null)
    const run = latest?.items[0]
    if (run && isRunActive(run)) return { run, alreadyRunning: true }
    // The window's wording is the server's; without it, its message is shown.
    if (window && /window/i.test(e.message)) throw new Error(i18n.global.t('scanSchedule.outsideWindow', { window }))
    throw e
  }
}
