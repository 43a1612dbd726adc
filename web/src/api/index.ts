// Typed calls for every endpoint the console uses (docs/api.md).
import { http, sendRaw, fetchFile, type UploadProgress, type DownloadedFile } from './client'
import type {
  Alert,
  AlertListQuery,
  AlertQuery,
  Asset,
  AssetInput,
  AuditEvent,
  Authorization,
  CreatedToken,
  Finding,
  Indicator,
  IndicatorQuery,
  IntelExportFormat,
  IntelImportOptions,
  IntelImportReport,
  IntelMatchResults,
  ItemList,
  Observation,
  Page,
  Partner,
  PartnerInput,
  Role,
  ScanChange,
  ScanPolicy,
  ScanPolicyInput,
  ScanRun,
  ScanSchedule,
  ScanScheduleInput,
  Session,
  Tenant,
  TenantInput,
  Token,
  TokenKind,
  User,
} from './types'

export interface PageQuery {
  limit?: number
  cursor?: string | null
}

const seg = encodeURIComponent

export const authApi = {
  login: (username: string, password: string) =>
    http.post<Session>('/auth/login', { username, password }, { quietUnauthenticated: true }),
  logout: () => http.post<void>('/auth/logout'),
  me: () => http.get<Session>('/auth/me', undefined, { quietUnauthenticated: true }),
  changePassword: (current_password: string, new_password: string) =>
    // A wrong current password may be answered with 401: the page shows it
    // under the field instead of treating it as an expired session.
    http.post<void>('/auth/password', { current_password, new_password }, { quietUnauthenticated: true }),
}

export const tenantApi = {
  list: (q: PageQuery & { q?: string }) => http.get<Page<Tenant>>('/tenants', { ...q }),
  get: (id: string) => http.get<Tenant>(`/tenants/${seg(id)}`),
  create: (input: TenantInput) => http.post<Tenant>('/tenants', input),
  update: (id: string, input: Partial<TenantInput>) => http.patch<Tenant>(`/tenants/${seg(id)}`, input),
  remove: (id: string) => http.del(`/tenants/${seg(id)}`),
}

export const assetApi = {
  list: (tenantId: string, q: PageQuery & { q?: string }) =>
    http.get<Page<Asset>>(`/tenants/${seg(tenantId)}/assets`, { ...q }),
  get: (id: string) => http.get<Asset>(`/assets/${seg(id)}`),
  create: (tenantId: string, input: AssetInput) => http.post<Asset>(`/tenants/${seg(tenantId)}/assets`, input),
  update: (id: string, input: Partial<AssetInput>) => http.patch<Asset>(`/assets/${seg(id)}`, input),
  remove: (id: string) => http.del(`/assets/${seg(id)}`),
}

export const authorizationApi = {
  forAsset: (assetId: string, q: PageQuery) =>
    http.get<Page<Authorization>>(`/assets/${seg(assetId)}/authorizations`, { ...q }),
  request: (assetId: string, body: { valid_from?: string; valid_until: string; note?: string }) =>
    http.post<Authorization>(`/assets/${seg(assetId)}/authorizations`, body),
  queue: (q: PageQuery & { status?: string; tenant_id?: string }) =>
    http.get<Page<Authorization>>('/authorizations', { ...q }),
  approve: (id: string, evidence_note: string) =>
    http.post<Authorization>(`/authorizations/${seg(id)}/approve`, { evidence_note }),
  reject: (id: string, reason: string) => http.post<Authorization>(`/authorizations/${seg(id)}/reject`, { reason }),
  revoke: (id: string, reason: string) => http.post<Authorization>(`/authorizations/${seg(id)}/revoke`, { reason }),
}

export const userApi = {
  list: (tenantId: string, q: PageQuery) => http.get<Page<User>>(`/tenants/${seg(tenantId)}/users`, { ...q }),
  create: (tenantId: string, body: { username: string; display_name?: string; role: Role; password: string }) =>
    http.post<User>(`/tenants/${seg(tenantId)}/users`, body),
  update: (id: string, body: { display_name?: string; role?: Role; disabled?: boolean }) =>
    http.patch<User>(`/users/${seg(id)}`, body),
  remove: (id: string) => http.del(`/users/${seg(id)}`),
}

export const tokenApi = {
  list: (tenantId: string, q: PageQuery) => http.get<Page<Token>>(`/tenants/${seg(tenantId)}/tokens`, { ...q }),
  create: (tenantId: string, body: { name: string; kind: TokenKind }) =>
    http.post<CreatedToken>(`/tenants/${seg(tenantId)}/tokens`, body),
  revoke: (id: string) => http.del(`/tokens/${seg(id)}`),
}

export interface AuditQuery extends PageQuery {
  tenant_id?: string
  actor?: string
  action?: string
  since?: string
  until?: string
}

export const auditApi = {
  list: (q: AuditQuery) => http.get<Page<AuditEvent>>('/audit', { ...q }),
}

export const scanPolicyApi = {
  list: (q: PageQuery) => http.get<Page<ScanPolicy>>('/scan-policies', { ...q }),
  get: (id: string) => http.get<ScanPolicy>(`/scan-policies/${seg(id)}`),
  create: (input: ScanPolicyInput) => http.post<ScanPolicy>('/scan-policies', input),
  update: (id: string, input: Partial<ScanPolicyInput>) => http.patch<ScanPolicy>(`/scan-policies/${seg(id)}`, input),
  remove: (id: string) => http.del(`/scan-policies/${seg(id)}`),
}

export const scanScheduleApi = {
  list: (tenantId: string, q: PageQuery) =>
    http.get<Page<ScanSchedule>>(`/tenants/${seg(tenantId)}/scan-schedules`, { ...q }),
  get: (id: string) => http.get<ScanSchedule>(`/scan-schedules/${seg(id)}`),
  create: (tenantId: string, input: ScanScheduleInput) =>
    http.post<ScanSchedule>(`/tenants/${seg(tenantId)}/scan-schedules`, input),
  update: (id: string, input: Partial<ScanScheduleInput>) =>
    http.patch<ScanSchedule>(`/scan-schedules/${seg(id)}`, input),
  remove: (id: string) => http.del(`/scan-schedules/${seg(id)}`),
  // "Scan now": a queued run, answered 409 while one is queued or running.
  run: (id: string) => http.post<ScanRun>(`/scan-schedules/${seg(id)}/run`),
  runs: (id: string, q: PageQuery) => http.get<Page<ScanRun>>(`/scan-schedules/${seg(id)}/runs`, { ...q }),
}

export const scanRunApi = {
  forTenant: (tenantId: string, q: PageQuery) =>
    http.get<Page<ScanRun>>(`/tenants/${seg(tenantId)}/scan-runs`, { ...q }),
  get: (id: string) => http.get<ScanRun>(`/scan-runs/${seg(id)}`),
  cancel: (id: string) => http.post<ScanRun>(`/scan-runs/${seg(id)}/cancel`),
  observations: (id: string) => http.get<ItemList<Observation>>(`/scan-runs/${seg(id)}/observations`),
  findings: (id: string) => http.get<ItemList<Finding>>(`/scan-runs/${seg(id)}/findings`),
  changes: (id: string) => http.get<ItemList<ScanChange>>(`/scan-runs/${seg(id)}/changes`),
}

export const alertApi = {
  // Newest first (by arrival at the platform).
  forTenant: (tenantId: string, q: PageQuery & AlertQuery) =>
    http.get<Page<Alert>>(`/tenants/${seg(tenantId)}/alerts`, { ...q }),
  // Every enterprise the caller sees (center roles: all), newest first.
  list: (q: PageQuery & AlertListQuery) => http.get<Page<Alert>>('/alerts', { ...q }),
  get: (id: string) => http.get<Alert>(`/alerts/${seg(id)}`),
}

export const intelApi = {
  // Newest first; only what TLP lets the caller's organization see.
  indicators: (q: PageQuery & IndicatorQuery) => http.get<Page<Indicator>>('/intel/indicators', { ...q }),
  // 1..100 values; each with the indicators it matches (networks, parent
  // domains, URL hosts).
  match: (values: string[]) => http.get<IntelMatchResults>('/intel/match', { values: values.join(',') }),
  // The file is the request body (at most 1 MiB); STIX/MISP JSON or a list.
  import: (file: Blob, o: IntelImportOptions, onProgress?: UploadProgress) =>
    sendRaw<IntelImportReport>(
      'POST',
      '/intel/imports',
      { tlp: o.tlp, tenant_id: o.tenant_id, partner_id: o.partner_id, name: o.name },
      file,
      onProgress,
    ),
  // audience (center roles only): center, anonymous, enterprise:<id>, partner:<id>.
  export: (format: IntelExportFormat, audience?: string): Promise<DownloadedFile> =>
    fetchFile('/intel/export', { format, audience }),
  partners: () => http.get<ItemList<Partner>>('/intel/partners'),
  addPartner: (input: PartnerInput) => http.post<Partner>('/intel/partners', input),
}
