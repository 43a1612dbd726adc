// Dates: the API speaks RFC 3339 UTC; people read local time.

const pad = (n: number) => String(n).padStart(2, '0')

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? null : d
}

// "2026-11-22 16:00" in the browser's time zone, or '' when absent.
export function formatDateTime(iso: string | null | undefined): string {
  const d = parse(iso)
  if (!d) return ''
  return `${formatLocalDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

// "2026-11-22 16:00:05", for logs where seconds matter.
export function formatDateTimeSeconds(iso: string | null | undefined): string {
  const d = parse(iso)
  if (!d) return ''
  return `${formatDateTime(iso)}:${pad(d.getSeconds())}`
}

export function formatDate(iso: string | null | undefined): string {
  const d = parse(iso)
  return d ? formatLocalDate(d) : ''
}

export function formatLocalDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

// RFC 3339 in UTC without fractional seconds, as the API writes them.
export function toApiTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function startOfLocalDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), 0, 0, 0, 0)
}

export function endOfLocalDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), 23, 59, 59, 0)
}

export function addDays(d: Date, days: number): Date {
  const r = new Date(d)
  r.setDate(r.getDate() + days)
  return r
}
