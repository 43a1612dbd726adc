// Pages and the rules for reaching them: sign in first, change a password
// that must change, and keep tenant roles on their own enterprise.
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import ConsoleLayout from './layouts/ConsoleLayout.vue'
import { can, ensureSession, session } from './session'
import { notifyError } from './utils/notify'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    centerOnly?: boolean
    // Not for enterprise members (users, tokens, audit log).
    accountsOnly?: boolean
  }
}

function homePath(): string {
  const user = session.user
  if (!user) return '/login'
  return can.isCenter ? '/tenants' : `/tenants/${encodeURIComponent(user.tenant_id)}`
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    {
      path: '/',
      component: ConsoleLayout,
      children: [
        { path: '', redirect: () => homePath() },
        { path: 'tenants', component: () => import('./views/TenantListView.vue'), meta: { centerOnly: true } },
        { path: 'tenants/:id', component: () => import('./views/TenantDetailView.vue'), props: true },
        { path: 'alerts', component: () => import('./views/AlertCenterView.vue'), meta: { centerOnly: true } },
        { path: 'intel', component: () => import('./views/IntelView.vue') },
        {
          path: 'authorizations',
          component: () => import('./views/AuthorizationQueueView.vue'),
          meta: { centerOnly: true },
        },
        {
          path: 'scan-policies',
          component: () => import('./views/ScanPoliciesView.vue'),
          meta: { centerOnly: true },
        },
        { path: 'scan-runs/:id', component: () => import('./views/ScanRunView.vue'), props: true },
        { path: 'users', component: () => import('./views/UsersView.vue'), meta: { accountsOnly: true } },
        { path: 'tokens', component: () => import('./views/TokensView.vue'), meta: { accountsOnly: true } },
        { path: 'audit', component: () => import('./views/AuditLogView.vue'), meta: { accountsOnly: true } },
        { path: 'password', component: () => import('./views/PasswordView.vue') },
        { path: ':pathMatch(.*)*', component: () => import('./views/NotFoundView.vue') },
      ],
    },
  ],
})

router.beforeEach(async (to: RouteLocationNormalized) => {
  let user = session.user
  if (!session.checked) {
    try {
      user = await ensureSession()
    } catch (e) {
      notifyError(e)
      user = null
    }
  }
  if (to.meta.public) return user && to.path === '/login' ? homePath() : true
  if (!user) return { path: '/login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  if (user.must_change_password && to.path !== '/password') {
    return { path: '/password', query: { redirect: to.fullPath } }
  }
  if (to.meta.centerOnly && !can.isCenter) return homePath()
  if (to.meta.accountsOnly && !can.viewAccounts) return homePath()
  return true
})

// Called by the API client when the server answers 401 to a signed-in page.
export function goToLoginAfterExpiry(): void {
  const current = router.currentRoute.value
  if (current.meta.public) return
  router.push({ path: '/login', query: { redirect: current.fullPath, expired: '1' } })
}
