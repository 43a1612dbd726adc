// Small rules shared by the threat-intelligence tabs: the kinds of value, the
// TLP levels, who gave an indicator, ATT&CK links, and how a pasted list of
// values is split.
import type { IndicatorType, Tlp } from '../../api/types'

export const INDICATOR_TYPES: IndicatorType[] = [
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'url',
  'email',
  'md5',
  'sha1',
  'sha256',
  'ja3',
]

// From the most open to the most restricted.
export const TLP_LEVELS: Tlp[] = ['clear', 'green', 'amber', 'amber+strict', 'red']

// The i18n key of a TLP level ("amber+strict" is not a valid key part).
export function tlpKey(tlp: Tlp): string {
  return tlp === 'amber+strict' ? 'amberStrict' : tlp
}

// The largest request body the server takes (413 above).
export const MAX_IMPORT_BYTES = 1024 * 1024

// The match endpoint takes 1..100 values.
export const MAX_MATCH_VALUES = 100

// Who gave an indicator, as this reader may know it.
export type OwnerKind = 'center' | 'partner' | 'ownEnterprise' | 'enterprise' | 'otherEnterprise' | 'unknown'

export interface OwnerRef {
  kind: OwnerKind
  // The partner's or enterprise's id, when the server gave it.
  id: string
}

// "center", "partner:<id>", "enterprise:<id>", or "enterprise" (another
// enterprise, not named to this reader). ownTenantId: the reader's own
// enterprise, which reads as 本企业.
export function parseOwner(owner: string, ownTenantId: string, isCenter: boolean): OwnerRef {
  if (owner === 'center') return { kind: 'center', id: '' }
  if (owner === 'enterprise') return { kind: 'otherEnterprise', id: '' }
  const colon = owner.indexOf(':')
  const prefix = colon < 0 ? owner : owner.slice(0, colon)
  const id = colon < 0 ? '' : owner.slice(colon + 1)
  if (prefix === 'partner') return { kind: 'partner', id }
  if (prefix === 'enterprise') {
    if (!isCenter && id === ownTenantId) return { kind: 'ownEnterprise', id }
    return { kind: isCenter ? 'enterprise' : 'otherEnterprise', id }
  }
  return { kind: 'unknown', id: owner }
}

// https://attack.mitre.org/techniques/T1071/001/ for "T1071.001"; '' for
// anything that is not a technique id.
export function attackUrl(technique: string): string {
  const m = /^(T\d{4})(?:\.(\d{3}))?$/i.exec(technique.trim())
  if (!m) return ''
  const id = m[1].toUpperCase()
  return m[2] ? `https://attack.mitre.org/techniques/${id}/${m[2]}/` : `https://attack.mitre.org/techniques/${id}/`
}

// Values pasted one per line or separated by commas (also Chinese commas,
// semicolons and tabs, as copied from a spreadsheet), without blanks and
// repeats, in their order.
export function splitValues(text: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const part of text.split(/[\r\n\t,，;；、]+/)) {
    const v = part.trim()
    if (v && !seen.has(v)) {
      seen.add(v)
      out.push(v)
    }
  }
  return out
}

// How a file is sent: JSON (STIX bundle, MISP event) or a plain list.
export function importContentType(fileName: string): string {
  return /\.json$/i.test(fileName) ? 'application/json' : 'text/plain'
}

// "1.2 MB", "850 KB", "312 B".
export function fileSizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} B`
}
