// A list read page by page with the API's cursor ({items, next_cursor}).
// reload() starts again from the first page; loadMore() appends the next.
import { ref, shallowRef } from 'vue'
import type { Page } from '../api/types'
import { errorMessage, notifyError } from '../utils/notify'

export function usePagedList<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>) {
  const items = shallowRef<T[]>([])
  const nextCursor = ref<string | null>(null)
  const loading = ref(false)
  const loadingMore = ref(false)
  const loaded = ref(false)
  const error = ref('')
  // Answers to an older reload() are dropped when a newer one was started.
  let generation = 0

  async function reload(): Promise<void> {
    const mine = ++generation
    loading.value = true
    error.value = ''
    try {
      const page = await fetchPage(null)
      if (mine !== generation) return
      items.value = page.items
      nextCursor.value = page.next_cursor ?? null
      loaded.value = true
    } catch (e) {
      if (mine !== generation) return
      error.value = errorMessage(e)
      items.value = []
      nextCursor.value = null
      notifyError(e)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loadingMore.value) return
    const mine = generation
    loadingMore.value = true
    try {
      const page = await fetchPage(nextCursor.value)
      if (mine !== generation) return
      items.value = [...items.value, ...page.items]
      nextCursor.value = page.next_cursor ?? null
    } catch (e) {
      notifyError(e)
    } finally {
      loadingMore.value = false
    }
  }

  // Local updates after a successful change, without reloading every page.
  function replace(match: (item: T) => boolean, next: T): void {
    items.value = items.value.map((item) => (match(item) ? next : item))
  }

  function remove(match: (item: T) => boolean): void {
    items.value = items.value.filter((item) => !match(item))
  }

  function prepend(item: T): void {
    items.value = [item, ...items.value]
  }

  return { items, nextCursor, loading, loadingMore, loaded, error, reload, loadMore, replace, remove, prepend }
}
