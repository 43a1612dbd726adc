// One scan run, read again every second while it is queued or running, and
// no longer once it ended, another run is shown, or the page is left.
import { onBeforeUnmount, ref, shallowRef } from 'vue'
import { scanRunApi } from '../api'
import { ApiError } from '../api/client'
import type { ScanRun } from '../api/types'
import { notifyError } from '../utils/notify'

const POLL_MS = 1000
// After a failed read (server restarting, network), try again less often.
const RETRY_MS = 5000

function isActive(run: ScanRun): boolean {
  return run.status === 'queued' || run.status === 'running'
}

export function useScanRunPolling() {
  const run = shallowRef<ScanRun | null>(null)
  const loading = ref(false)
  const missing = ref(false)
  let timer: ReturnType<typeof setTimeout> | null = null
  // Answers and timers of an older start() are ignored.
  let generation = 0
  let failedBefore = false

  function stop(): void {
    generation++
    if (timer) clearTimeout(timer)
    timer = null
  }

  function schedule(id: string, mine: number, ms: number): void {
    if (mine !== generation) return
    timer = setTimeout(() => poll(id, mine), ms)
  }

  async function poll(id: string, mine: number): Promise<void> {
    timer = null
    try {
      const fresh = await scanRunApi.get(id)
      if (mine !== generation) return
      run.value = fresh
      failedBefore = false
      if (isActive(fresh)) schedule(id, mine, POLL_MS)
    } catch (e) {
      if (mine !== generation) return
      if (e instanceof ApiError && e.status === 404) {
        missing.value = true
        return
      }
      // Signed out or forbidden: polling cannot help.
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
        notifyError(e)
        return
      }
      // Report the first of a series of failures, keep trying quietly.
      if (!failedBefore) notifyError(e)
      failedBefore = true
      schedule(id, mine, RETRY_MS)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  // Shows run `id` from now on, reading it at once.
  function start(id: string): void {
    stop()
    const mine = generation
    run.value = null
    missing.value = false
    failedBefore = false
    loading.value = true
    poll(id, mine)
  }

  // A newer state from another answer (cancel); polling continues if needed.
  function update(fresh: ScanRun): void {
    if (run.value && run.value.id !== fresh.id) return
    run.value = fresh
    if (isActive(fresh) && !timer) schedule(fresh.id, generation, POLL_MS)
  }

  onBeforeUnmount(stop)

  return { run, loading, missing, start, stop, update }
}
