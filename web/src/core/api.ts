// Every call to the Steward API goes through here, so errors always arrive as an ApiError carrying the
// server's `{ "error": { "code", "message", "details" } }` envelope, whatever actually went wrong.

const apiBase = '/api/v1';

/** The address of an API path, for what the browser fetches itself (a download link). */
export const apiUrl = (path: string): string => apiBase + path;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown };
}

const isEnvelope = (body: unknown): body is ErrorEnvelope =>
  typeof body === 'object' &&
  body !== null &&
  'error' in body &&
  typeof (body as ErrorEnvelope).error?.message === 'string';

// The auth context registers itself here; a plain module variable avoids threading it through every call.
let onUnauthorized: () => void = () => {};

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

type QueryValue = string | number | boolean | null | undefined;

/** `path?k=v&…`, leaving out empty values so URLs stay short and readable. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'network', 'Cannot reach the Steward server. Check your connection and try again.');
  }

  if (response.status === 401) onUnauthorized();
  if (response.status === 204) return undefined as T;

  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    if (payload === undefined) throw new ApiError(response.status, 'invalid_response', 'The server sent a response that is not JSON');
    return payload as T;
  }
  if (isEnvelope(payload)) {
    throw new ApiError(response.status, payload.error.code, payload.error.message, payload.error.details);
  }
  throw new ApiError(response.status, 'http_error', `The server answered ${response.status} ${response.statusText}`.trim());
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: (path: string, body: unknown) => request<void>('PUT', path, body),
  /** A body only where the API names what to delete by it (a policy's assignment). */
  delete: (path: string, body?: unknown) => request<void>('DELETE', path, body),
};

export const toApiError = (err: unknown): ApiError =>
  err instanceof ApiError ? err : new ApiError(0, 'client', err instanceof Error ? err.message : String(err));
