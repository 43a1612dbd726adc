// Human labels for audit events: translated actions and a readable object name.
import type { AuditEvent } from '../../api/types'

// Every action the server documents (docs/api.md, "Audit log"), and those of
// scanning.
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.password_change',
  'tenant.create',
  'tenant.update',
  'tenant.delete',
  'asset.create',
  'asset.update',
  'asset.delete',
  'authorization.request',
  'authorization.approve',
  'authorization.reject',
  'authorization.revoke',
  'user.create',
  'user.update',
  'user.delete',
  'token.create',
  'token.revoke',
  'scan_policy.create',
  'scan_policy.update',
  'scan_policy.delete',
  'scan_schedule.create',
  'scan_schedule.update',
  'scan_schedule.delete',
  'scan_run.queue',
  'scan_run.cancel',
  'scan.refused',
] as const

type Translate = (key: string) => string
type Exists = (key: string) => boolean

export function actionLabel(action: string, t: Translate, te: Exists): string {
  const key = `audit.actions.${action}`
  return te(key) ? t(key) : action
}

export function objectTypeLabel(type: string, t: Translate, te: Exists): string {
  const key = `audit.objectType.${type}`
  return type && te(key) ? t(key) : type
}

// The most recognizable name in the recorded object state, if any.
export function objectName(e: AuditEvent): string {
  for (const state of [e.after, e.before]) {
    if (state && typeof state === 'object') {
      const s = state as Record<string, unknown>
      for (const key of ['name', 'value', 'asset_value', 'username', 'schedule_name']) {
        if (typeof s[key] === 'string' && s[key]) return s[key] as string
      }
    }
  }
  // Sign-in, sign-out and password changes concern the actor's own account.
  if (e.object_type === 'user' && e.object_id === e.actor_id) return e.actor_name
  return ''
}

export function hasDetail(e: AuditEvent): boolean {
  const empty = (v: unknown) => v === null || v === undefined || (typeof v === 'object' && Object.keys(v).length === 0)
  return !empty(e.before) || !empty(e.after)
}
