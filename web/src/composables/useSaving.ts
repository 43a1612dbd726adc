// The save path every form shares: a `saving` flag for the button's spinner
// while `action` runs, and an API error shown next to its field (or as a
// toast) instead of thrown.
import { ref } from 'vue'

export function useSaving(show: (e: unknown) => void) {
  const saving = ref(false)

  async function run(action: () => Promise<void>): Promise<void> {
    saving.value = true
    try {
      await action()
    } catch (e) {
      show(e)
    } finally {
      saving.value = false
    }
  }

  return { saving, run }
}
