// Conversions between a Tenant and the form that edits it.
import type { Tenant, TenantInput } from '../../api/types'

export function emptyTenantInput(): TenantInput {
  return { name: '', credit_code: '', industry: '', district: '', contacts: [], service_level: 'standard' }
}

export function tenantToInput(t: Tenant): TenantInput {
  return {
    name: t.name,
    credit_code: t.credit_code ?? '',
    industry: t.industry ?? '',
    district: t.district ?? '',
    contacts: (t.contacts ?? []).map((c) => ({ name: c.name ?? '', phone: c.phone ?? '', email: c.email ?? '' })),
    service_level: t.service_level ?? 'standard',
  }
}

// What is sent: trimmed text, rows left completely empty dropped.
export function cleanTenantInput(input: TenantInput): TenantInput {
  return {
    name: input.name.trim(),
    credit_code: input.credit_code.trim().toUpperCase(),
    industry: input.industry.trim(),
    district: input.district.trim(),
    service_level: input.service_level,
    contacts: input.contacts
      .map((c) => ({ name: c.name.trim(), phone: c.phone.trim(), email: c.email.trim() }))
      .filter((c) => c.name || c.phone || c.email),
  }
}

// Only the fields that differ from the stored enterprise: PATCH takes any
// subset, and an unchanged empty credit code (the center) is not re-checked.
export function changedFields(before: TenantInput, after: TenantInput, profileOnly: boolean): Partial<TenantInput> {
  const out: Partial<TenantInput> = {}
  const keys: (keyof TenantInput)[] = profileOnly
    ? ['industry', 'district', 'contacts']
    : ['name', 'credit_code', 'industry', 'district', 'service_level', 'contacts']
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      ;(out as Record<string, unknown>)[key] = after[key]
    }
  }
  return out
}

export function isTenantField(field: string): boolean {
  return /^(name|credit_code|industry|district|service_level|contacts(\[\d+\](\.(name|phone|email))?)?)$/.test(field)
}
