// Conversions between a ScanPolicy and the form that edits it. The form
// chooses between "the N most common ports" and a written port list; the
// API expresses the first as an empty `ports` with `top_ports`.
import type { ScanPolicy, ScanPolicyInput } from '../../api/types'

export interface ScanPolicyForm extends ScanPolicyInput {
  portMode: 'top' | 'list'
}

export function emptyPolicyForm(): ScanPolicyForm {
  return {
    name: '',
    description: '',
    portMode: 'top',
    ports: '',
    top_ports: 1000,
    version_detection: true,
    intensity: 7,
    tls_audit: true,
    rate: 300,
    max_host_in_flight: 1024,
  }
}

export function policyToForm(p: ScanPolicy): ScanPolicyForm {
  return {
    name: p.name,
    description: p.description ?? '',
    portMode: p.ports ? 'list' : 'top',
    ports: p.ports ?? '',
    top_ports: p.top_ports || 1000,
    version_detection: p.version_detection,
    intensity: p.intensity ?? 7,
    tls_audit: p.tls_audit,
    rate: p.rate,
    max_host_in_flight: p.max_host_in_flight,
  }
}

// What is sent: every writable field, `ports` empty in top-ports mode.
export function formToPolicyInput(f: ScanPolicyForm): ScanPolicyInput {
  return {
    name: f.name.trim(),
    description: f.description.trim(),
    ports: f.portMode === 'list' ? f.ports.replace(/\s+/g, '') : '',
    top_ports: f.top_ports,
    version_detection: f.version_detection,
    intensity: f.intensity,
    tls_audit: f.tls_audit,
    rate: f.rate,
    max_host_in_flight: f.max_host_in_flight,
  }
}

export function isPolicyField(field: string): boolean {
  return /^(name|description|ports|top_ports|version_detection|intensity|tls_audit|rate|max_host_in_flight)$/.test(field)
}
