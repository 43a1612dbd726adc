// Shapes of the objects exchanged with the server, as documented in
// docs/api.md. Field names are the server's, unchanged.

export type Role = 'center_admin' | 'center_analyst' | 'tenant_admin' | 'tenant_member'

export interface User {
  id: string
  tenant_id: string
  tenant_name: string
  username: string
  display_name: string
  role: Role
  disabled: boolean
  must_change_password: boolean
  created_at: string
  last_login_at: string | null
}

export interface Session {
  csrf_token: string
  user: User
}

export interface Page<T> {
  items: T[]
  next_cursor: string | null
}

export interface Contact {
  name: string
  phone: string
  email: string
}

export type ServiceLevel = 'basic' | 'standard' | 'premium'

export interface Tenant {
  id: string
  kind: 'center' | 'enterprise'
  name: string
  credit_code: string
  industry: string
  district: string
  contacts: Contact[]
  service_level: ServiceLevel
  asset_count: number
  created_at: string
  updated_at: string
}

export type TenantInput = Pick<
  Tenant,
  'name' | 'credit_code' | 'industry' | 'district' | 'contacts' | 'service_level'
>

export type AssetKind = 'ipv4' | 'ipv6' | 'cidr' | 'domain' | 'url'
export type Criticality = 'low' | 'medium' | 'high' | 'critical'
export type AuthorizationStatus = 'pending' | 'approved' | 'rejected' | 'revoked' | 'expired'

export interface Asset {
  id: string
  tenant_id: string
  kind: AssetKind
  value: string
  criticality: Criticality
  tags: string[]
  note: string
  authorization: {
    status: AuthorizationStatus | 'none'
    id: string | null
    valid_until: string | null
  }
  created_at: string
  updated_at: string
}

export interface AssetInput {
  value: string
  kind?: AssetKind
  criticality?: Criticality
  tags?: string[]
  note?: string
}

export interface Authorization {
  id: string
  tenant_id: string
  asset_id: string
  asset_value: string
  status: AuthorizationStatus
  note: string
  requested_by: string
  requested_at: string
  approved_by: string | null
  approved_at: string | null
  evidence_note: string
  valid_from: string | null
  valid_until: string | null
  revoked_by: string | null
  revoked_at: string | null
  reason: string
}

export type TokenKind = 'sensor' | 'agent' | 'worker' | 'read_only'

export interface Token {
  id: string
  tenant_id: string
  name: string
  kind: TokenKind
  scopes: string[]
  prefix: string
  created_by: string
  created_at: string
  expires_at: string | null
  revoked_at: string | null
  last_used_at: string | null
}

export interface CreatedToken {
  token: Token
  secret: string
}

export type Outcome = 'success' | 'denied' | 'failed'

export interface AuditEvent {
  id: string
  at: string
  tenant_id: string
  actor_id: string
  actor_name: string
  action: string
  object_type: string
  object_id: string
  source_ip: string
  outcome: Outcome
  before: unknown
  after: unknown
}
