// The signed-in user and the CSRF token, kept in memory only. After a page
// reload they are fetched again from GET /auth/me (the session cookie is
// HttpOnly, so the page cannot read it and does not need to).
import { computed, reactive } from 'vue'
import { authApi } from './api'
import { ApiError, setCsrfToken } from './api/client'
import type { Role, Session, User } from './api/types'

export const CENTER_TENANT_ID = 'center'

interface SessionState {
  user: User | null
  // True once we asked the server whether a session exists.
  checked: boolean
}

export const session = reactive<SessionState>({ user: null, checked: false })

export function applySession(s: Session): void {
  setCsrfToken(s.csrf_token ?? '')
  session.user = s.user
  session.checked = true
}

export function clearSession(): void {
  setCsrfToken('')
  session.user = null
  session.checked = true
}

let pending: Promise<User | null> | null = null

// Restores the session from the cookie once; later calls return the known user.
export function ensureSession(): Promise<User | null> {
  if (session.checked) return Promise.resolve(session.user)
  pending ??= authApi
    .me()
    .then((s) => {
      applySession(s)
      return s.user
    })
    .catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 401) {
        clearSession()
        return null
      }
      throw e
    })
    .finally(() => {
      pending = null
    })
  return pending
}

export async function refreshSession(): Promise<User | null> {
  session.checked = false
  return ensureSession()
}

export async function login(username: string, password: string): Promise<User> {
  const s = await authApi.login(username, password)
  applySession(s)
  return s.user
}

export async function logout(): Promise<void> {
  try {
    await authApi.logout()
  } finally {
    clearSession()
  }
}

// What the signed-in role may do. The server enforces all of this; the
// console only hides controls that would be refused anyway.
const role = computed<Role | null>(() => session.user?.role ?? null)
const ownTenant = computed(() => session.user?.tenant_id ?? '')

export const can = reactive({
  isCenter: computed(() => role.value === 'center_admin' || role.value === 'center_analyst'),
  manageTenants: computed(() => role.value === 'center_admin'),
  approveAuthorizations: computed(() => role.value === 'center_admin'),
  viewAuthorizationQueue: computed(() => role.value === 'center_admin' || role.value === 'center_analyst'),
  // Scan policies are shared by the whole center; only its admin writes them.
  manageScanPolicies: computed(() => role.value === 'center_admin'),
  // Users, API tokens and the audit log are not shown to enterprise members.
  viewAccounts: computed(() => role.value !== null && role.value !== 'tenant_member'),
  // Threat intelligence: everyone reads (as TLP allows); enterprise members
  // do not import; only the center admin adds partner organizations.
  importIntel: computed(() => role.value !== null && role.value !== 'tenant_member'),
  writePartners: computed(() => role.value === 'center_admin'),
})

// True when the role may change assets, users and tokens of this tenant and
// request scan authorization for its assets.
export function canManageTenant(tenantId: string): boolean {
  if (role.value === 'center_admin') return true
  return role.value === 'tenant_admin' && tenantId === ownTenant.value
}

// True when the role may create, change and delete the scan schedules of
// this tenant: whoever manages its assets and asks for their authorization.
export function canManageScans(tenantId: string): boolean {
  return canManageTenant(tenantId)
}

// True when the role may start a scan of this tenant now and cancel one:
// the center's roles (analysts too) and the enterprise's admin.
export function canRunScans(tenantId: string): boolean {
  if (role.value === 'center_admin' || role.value === 'center_analyst') return true
  return role.value === 'tenant_admin' && tenantId === ownTenant.value
}

// True when the role may edit the profile of this tenant (industry, district,
// contacts); name, credit code and service level stay with the center admin.
export function canEditTenantProfile(tenantId: string): boolean {
  return canManageTenant(tenantId)
}

// Roles that may be given to a user of this tenant.
export function rolesForTenant(tenantId: string): Role[] {
  return tenantId === CENTER_TENANT_ID ? ['center_admin', 'center_analyst'] : ['tenant_admin', 'tenant_member']
}
