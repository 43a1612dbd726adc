// Small formatting rules shared by the scan tables.
import type { ScanRun } from '../../api/types'

// "192.0.2.10:22", "[2001:db8::1]:443", or the host alone without a port.
export function hostPort(host: string, port: number | null | undefined): string {
  const h = host.includes(':') ? `[${host}]` : host
  return port ? `${h}:${port}` : h
}

export function isRunActive(run: Pick<ScanRun, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running'
}

export function progressStatus(run: Pick<ScanRun, 'status'>): '' | 'success' | 'exception' | 'warning' {
  if (run.status === 'succeeded') return 'success'
  if (run.status === 'failed') return 'exception'
  if (run.status === 'cancelled') return 'warning'
  return ''
}

export function clampPercent(n: number | null | undefined): number {
  const v = Math.round(Number(n ?? 0))
  return Number.isFinite(v) ? Math.min(100, Math.max(0, v)) : 0
}
