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

// ---- Scanning ---------------------------------------------------------------

export interface ScanPolicy {
  id: string
  name: string
  description: string
  // Nmap's port syntax ("22,80,8000-8100", "-" for all); empty: top_ports.
  ports: string
  top_ports: number
  version_detection: boolean
  intensity: number
  tls_audit: boolean
  // Connection attempts per second.
  rate: number
  max_host_in_flight: number
  created_at: string
  updated_at: string
}

export type ScanPolicyInput = Pick<
  ScanPolicy,
  | 'name'
  | 'description'
  | 'ports'
  | 'top_ports'
  | 'version_detection'
  | 'intensity'
  | 'tls_audit'
  | 'rate'
  | 'max_host_in_flight'
>

export type ScanRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'
export type ScanPhase = 'queued' | 'resolving' | 'ports' | 'services' | 'tls' | 'saving' | 'done'

export interface ScanSchedule {
  id: string
  tenant_id: string
  name: string
  policy_id: string
  policy_name: string
  asset_ids: string[]
  assets: { id: string; value: string }[]
  // Five-field cron in the center's time zone; empty: only "scan now".
  cron: string
  // "HH:MM-HH:MM"; empty: any time.
  window: string
  enabled: boolean
  next_run_at: string | null
  last_run: { id: string; status: ScanRunStatus; finished_at: string | null } | null
  created_by: string
  created_at: string
  updated_at: string
}

export interface ScanScheduleInput {
  name: string
  policy_id: string
  asset_ids: string[]
  cron?: string
  window?: string
  enabled?: boolean
}

export interface ScanRun {
  id: string
  tenant_id: string
  schedule_id: string
  schedule_name: string
  trigger: 'schedule' | 'manual'
  requested_by: string
  status: ScanRunStatus
  phase: ScanPhase
  progress: { done: number; total: number; percent: number }
  targets: string[]
  policy: ScanPolicy
  summary: { hosts: number; hosts_refused: number; open_ports: number; findings: number; changes: number }
  previous_run_id: string | null
  error: string
  cancel_requested: boolean
  created_at: string
  started_at: string | null
  finished_at: string | null
}

export interface Observation {
  host: string
  hostname: string
  protocol: string
  port: number
  state: string
  service: string
  product: string
  version: string
  extra_info: string
  cpes: string[]
  banner: string
  fingerprint: string
}

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical'

export interface Finding {
  check_id: string
  severity: Severity
  host: string
  port: number
  title_zh: string
  title_en: string
  evidence: string
  remediation_zh: string
  remediation_en: string
  references: string[]
  fingerprint: string
}

export type ScanChangeKind = 'port_opened' | 'port_closed' | 'service_changed' | 'finding_new' | 'finding_gone'

export interface ScanChange {
  kind: ScanChangeKind
  host: string
  port: number
  protocol: string
  before: string
  after: string
  check_id: string
  // Set for finding_new and finding_gone.
  severity: Severity | null
}

// Answers that are one unpaged list.
export interface ItemList<T> {
  items: T[]
}

// ---- Network alerts ------------------------------------------------------------

// An alert a network sensor reported (an EVE "alert" event), as stored for an
// enterprise. severity is Suricata's: 1 is the most severe, 4 the least.
export interface Alert {
  id: string
  tenant_id: string
  // The name of the sensor's API token.
  sensor: string
  // The sensor's own id of the event.
  event_id: string
  // When the sensor saw the packet.
  timestamp: string
  // When the platform received it.
  received_at: string
  gid: number
  signature_id: number
  rev: number
  signature: string
  category: string
  severity: number
  src_ip: string
  src_port: number
  dest_ip: string
  dest_port: number
  proto: string
  app_proto: string
  // The whole EVE event as the sensor sent it.
  event: Record<string, unknown>
}

export interface AlertQuery {
  // 1..4: alerts this severe or more (2 = severity 1 or 2).
  severity?: number
  // A substring of the signature, or an exact IP address.
  q?: string
}

// The center's view across enterprises (GET /alerts): optionally one enterprise.
export interface AlertListQuery extends AlertQuery {
  tenant_id?: string
}

// ---- Threat intelligence (/intel) ----------------------------------------------

export type IndicatorType = 'ipv4' | 'ipv6' | 'cidr' | 'domain' | 'url' | 'email' | 'md5' | 'sha1' | 'sha256' | 'ja3'

// TLP 2.0: who may receive it.
export type Tlp = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red'

export interface Indicator {
  type: IndicatorType
  // Normalized by the server.
  value: string
  name: string
  // 0..100
  confidence: number
  tlp: Tlp
  // Where it came from (a feed, a file name).
  source: string
  // Who gave it: "center", "partner:<id>", "enterprise:<id>", or just
  // "enterprise" when another enterprise did (its name is not shown).
  owner: string
  valid_from: string | null
  valid_until: string | null
  labels: string[]
  // ATT&CK technique ids: "T1071", "T1071.001".
  attack_techniques: string[]
  stix_id: string
  first_seen: string
  last_seen: string
}

export interface IndicatorQuery {
  type?: IndicatorType
  // A substring of the value or the name.
  q?: string
}

export interface IntelMatchResult {
  input: string
  // The type and normalized value ("domain www.evil.example"), or why the
  // input could not be checked.
  checked: string
  matches: Indicator[]
}

export interface IntelMatchResults {
  results: IntelMatchResult[]
}

export interface IntelImportReport {
  origin: string
  format: string
  owner: string
  read: number
  indicators_new: number
  indicators_merged: number
  objects_stored: number
  objects_known: number
  not_matchable: number
  skipped: number
  rejected: number
  // One line per rejected or not matchable object, with its index or line.
  issues: string[]
}

// Whose intelligence an import becomes (center roles choose; others import
// as their own enterprise).
export interface IntelImportOptions {
  tlp: Tlp
  tenant_id?: string
  partner_id?: string
  name: string
}

export type IntelExportFormat = 'stix' | 'misp' | 'csv'

export interface Partner {
  id: string
  name: string
  // Tenant ids of the enterprises it serves.
  clients: string[]
  created_at: string
}

export interface PartnerInput {
  name: string
  clients: string[]
}
