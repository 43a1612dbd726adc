// The one place that talks HTTP to the server. Wraps fetch with the API's
// conventions: JSON bodies, the session cookie, the CSRF header on requests
// that change state, and the single error shape
// {"error": {"code", "message", "field"}} turned into a thrown ApiError.

export const API_BASE = '/api/v1'

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string | undefined

  constructor(status: number, code: string, message: string, field?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
  }
}

type Query = Record<string, string | number | undefined | null>

export interface RequestOptions {
  query?: Query
  body?: unknown
  // When true a 401 answer is returned to the caller as an ApiError without
  // the global "go to login" reaction (used by login and session restore).
  quietUnauthenticated?: boolean
}

let csrfToken = ''
let onUnauthenticated: (() => void) | null = null

export function setCsrfToken(token: string): void {
  csrfToken = token
}

export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler
}

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const qs = params.toString()
  return API_BASE + path + (qs ? `?${qs}` : '')
}

async function toApiError(response: Response): Promise<ApiError> {
  let code = 'internal'
  let message = `HTTP ${response.status}`
  let field: string | undefined
  try {
    const body = await response.json()
    if (body && typeof body === 'object' && body.error) {
      code = body.error.code ?? code
      message = body.error.message ?? message
      field = body.error.field ?? undefined
    }
  } catch {
    // Not JSON (a proxy page, an empty body): keep the HTTP status text.
    if (response.statusText) message = `HTTP ${response.status} ${response.statusText}`
  }
  return new ApiError(response.status, code, message, field)
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  let body: string | undefined
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken

  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    })
  } catch {
    throw new ApiError(0, 'unavailable', 'network error: the server cannot be reached')
  }

  if (!response.ok) {
    const error = await toApiError(response)
    if (response.status === 401 && !options.quietUnauthenticated) onUnauthenticated?.()
    throw error
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const http = {
  get: <T>(path: string, query?: Query, options: RequestOptions = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  del: (path: string) => request<void>('DELETE', path),
}
