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

// The API's error shape from a body read as text; a body that is not that
// shape (a proxy page, an empty body) keeps the HTTP status.
function apiErrorFrom(status: number, statusText: string, text: string): ApiError {
  let code = 'internal'
  let message = statusText ? `HTTP ${status} ${statusText}` : `HTTP ${status}`
  let field: string | undefined
  try {
    const body = JSON.parse(text)
    if (body && typeof body === 'object' && body.error) {
      code = body.error.code ?? code
      message = body.error.message ?? `HTTP ${status}`
      field = body.error.field ?? undefined
    }
  } catch {
    // Not JSON: keep the HTTP status text.
  }
  return new ApiError(status, code, message, field)
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '')
  return apiErrorFrom(response.status, response.statusText, text)
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

// Upload progress: bytes sent so far and in all.
export type UploadProgress = (sent: number, total: number) => void

// Sends a file as the raw request body (its own Content-Type, or
// text/plain) and reads a JSON answer. XMLHttpRequest rather than fetch, so
// that the upload's progress can be shown.
export function sendRaw<T>(
  method: string,
  path: string,
  query: Query,
  body: Blob,
  onProgress?: UploadProgress,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, buildUrl(path, query))
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Content-Type', body.type || 'text/plain')
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
    if (onProgress) {
      xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : body.size)
    }
    xhr.onerror = () => reject(new ApiError(0, 'unavailable', 'network error: the server cannot be reached'))
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        const error = apiErrorFrom(xhr.status, xhr.statusText, xhr.responseText)
        if (xhr.status === 401) onUnauthenticated?.()
        reject(error)
        return
      }
      try {
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T)
      } catch {
        reject(new ApiError(xhr.status, 'internal', 'the server answered with something that is not JSON'))
      }
    }
    xhr.send(body)
  })
}

export interface DownloadedFile {
  blob: Blob
  // From Content-Disposition, or '' when the server gave none.
  filename: string
}

// A GET whose answer is a file to save (an export), with the session cookie.
export async function fetchFile(path: string, query?: Query): Promise<DownloadedFile> {
  let response: Response
  try {
    response = await fetch(buildUrl(path, query), { credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'unavailable', 'network error: the server cannot be reached')
  }
  if (!response.ok) {
    const error = await toApiError(response)
    if (response.status === 401) onUnauthenticated?.()
    throw error
  }
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? ''
  return { blob: await response.blob(), filename }
}
