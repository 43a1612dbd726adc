// The center's partner organizations (运营商, 安全厂商), read once per page
// and shared by the tabs: names for the 提供方 column, choices for importing
// and exporting, and the 合作伙伴 list itself.
import { computed, ref, shallowRef } from 'vue'
import { intelApi } from '../api'
import type { Partner } from '../api/types'
import { notifyError } from '../utils/notify'

const partners = shallowRef<Partner[]>([])
const loaded = ref(false)
const loading = ref(false)
let pending: Promise<void> | null = null

export function usePartners() {
  async function reload(): Promise<void> {
    loading.value = true
    try {
      partners.value = (await intelApi.partners()).items
      loaded.value = true
    } catch (e) {
      notifyError(e)
    } finally {
      loading.value = false
    }
  }

  // Loads the list the first time it is needed; later calls reuse it.
  function ensure(): Promise<void> {
    if (loaded.value) return Promise.resolve()
    pending ??= reload().finally(() => {
      pending = null
    })
    return pending
  }

  function add(p: Partner): void {
    partners.value = [...partners.value, p]
  }

  const byId = computed(() => new Map(partners.value.map((p) => [p.id, p])))

  function partnerName(id: string): string {
    return byId.value.get(id)?.name ?? ''
  }

  return { partners, loaded, loading, reload, ensure, add, partnerName }
}
