// The results of an ended scan run: open services, findings and the changes
// since the previous run, read together once the run has ended.
import { ref, shallowRef } from 'vue'
import { scanRunApi } from '../api'
import type { Finding, Observation, ScanChange } from '../api/types'
import { notifyError } from '../utils/notify'

export function useScanRunResults() {
  const observations = shallowRef<Observation[]>([])
  const findings = shallowRef<Finding[]>([])
  const changes = shallowRef<ScanChange[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  let generation = 0

  function clear(): void {
    generation++
    observations.value = []
    findings.value = []
    changes.value = []
    loading.value = false
    loaded.value = false
  }

  // `quiet`: a failed or cancelled run may have no results to read.
  async function load(runId: string, quiet: boolean): Promise<void> {
    const mine = ++generation
    loading.value = true
    let reported = false
    const settle = <T>(p: Promise<{ items: T[] }>) =>
      p
        .then((r) => r.items ?? [])
        .catch((e: unknown) => {
          if (!quiet && !reported && mine === generation) notifyError(e)
          reported = true
          return [] as T[]
        })
    const [o, f, c] = await Promise.all([
      settle(scanRunApi.observations(runId)),
      settle(scanRunApi.findings(runId)),
      settle(scanRunApi.changes(runId)),
    ])
    if (mine !== generation) return
    observations.value = o
    findings.value = f
    changes.value = c
    loading.value = false
    loaded.value = true
  }

  return { observations, findings, changes, loading, loaded, clear, load }
}
