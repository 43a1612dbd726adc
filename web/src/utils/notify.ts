// Feedback to the user: success toasts, API errors with the server's message,
// and confirmations before destructive actions.
import { ElMessage, ElMessageBox } from 'element-plus'
import { ApiError } from '../api/client'
import { i18n } from '../i18n'

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    return e.status === 0 ? i18n.global.t('error.network') : e.message
  }
  if (e instanceof Error) return e.message
  return String(e)
}

export function notifyError(e: unknown): void {
  // A 401 already sent the user to the login page; no toast on top of that.
  if (e instanceof ApiError && e.status === 401) return
  ElMessage.error({ message: errorMessage(e), showClose: true, duration: 6000 })
}

export function notifySuccess(message: string): void {
  ElMessage.success(message)
}

// Resolves true when the user confirmed.
export async function confirmDanger(message: string, confirmText: string): Promise<boolean> {
  const t = i18n.global.t
  try {
    await ElMessageBox.confirm(message, t('common.confirmTitle'), {
      type: 'warning',
      confirmButtonText: confirmText,
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: 'el-button--danger',
      customClass: 'sw-confirm',
    })
    return true
  } catch {
    return false
  }
}
