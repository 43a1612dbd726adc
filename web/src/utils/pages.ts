// Reads every page of a cursor-paged list, for pickers that need all choices
// at once (policies, an enterprise's assets). Stops after `maxPages` pages.
import type { Page } from '../api/types'

export const PICKER_PAGE_SIZE = 500

export async function listAll<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, maxPages = 20): Promise<T[]> {
  const out: T[] = []
  let cursor: string | null = null
  for (let i = 0; i < maxPages; i++) {
    const page: Page<T> = await fetchPage(cursor)
    out.push(...page.items)
    cursor = page.next_cursor ?? null
    if (!cursor) break
  }
  return out
}
