// Enterprise names for lists that carry only tenant ids (the authorization
// queue). Each id is looked up once and cached for the page's lifetime.
import { reactive } from 'vue'
import { tenantApi } from '../api'

const names = reactive<Record<string, string>>({})
const requested = new Set<string>()

export function useTenantNames() {
  function resolve(ids: Iterable<string>): void {
    for (const id of ids) {
      if (!id || requested.has(id)) continue
      requested.add(id)
      tenantApi
        .get(id)
        .then((t) => {
          names[id] = t.name
        })
        .catch(() => {
          requested.delete(id)
        })
    }
  }

  function nameOf(id: string): string {
    return names[id] ?? id
  }

  return { resolve, nameOf }
}
