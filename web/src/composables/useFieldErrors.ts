// Shows an API error next to the form field it names (error.field), or as a
// toast when no field of this form is at fault.
import { reactive } from 'vue'
import { ApiError } from '../api/client'
import { notifyError } from '../utils/notify'

export function useFieldErrors(knownFields: (field: string) => boolean) {
  const fieldErrors = reactive<Record<string, string>>({})

  function clear(): void {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  function show(e: unknown): void {
    if (e instanceof ApiError && e.field && knownFields(e.field)) {
      fieldErrors[e.field] = e.message
      return
    }
    notifyError(e)
  }

  return { fieldErrors, clear, show }
}
