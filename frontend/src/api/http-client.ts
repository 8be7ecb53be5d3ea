/**
 * The one way the web app talks to the backend: same-origin fetch with the session cookie, the
 * anti-forgery header on every state-changing request, and errors turned into sentences people can read.
 */

/** Sent on every non-GET request; the backend refuses state changes without it (CSRF protection). */
export const CSRF_HEADER = 'x-curbe-csrf';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The backend's machine-readable reason, when it gives one (e.g. `telnyx_unavailable`). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const sessionEndedListeners = new Set<() => void>();

/**
 * Calls `listener` whenever the backend answers 401 (the session ended: signed out elsewhere, removed,
 * a new password) on anything but signing in. Returns the unsubscribe function.
 */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

/** Tells every `onSessionEnded` listener that the backend ended the session. */
export function announceSessionEnded(): void {
  for (const listener of [...sessionEndedListeners]) listener();
}

/** What to say when the backend gave no message of its own. */
export function describeStatus(status: number): string {
  if (status === 0) return 'The server cannot be reached. Check your connection and try again.';
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 403) return 'You are not allowed to do that.';
  if (status === 404) return 'That was not found.';
  if (status === 409) return 'That conflicts with the current state. Reload and try again.';
  if (status === 429) return 'Too many attempts. Wait a moment and try again.';
  if (status >= 500) return 'Something went wrong on the server. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

/** Turns a failed response into an ApiError carrying the backend's own message when there is one. */
export async function errorFrom(response: Response): Promise<ApiError> {
  let message = '';
  let reason: string | undefined;
  try {
    const body = (await response.json()) as { message?: unknown; reason?: unknown };
    if (typeof body.message === 'string') message = body.message;
    if (typeof body.reason === 'string') reason = body.reason;
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status alone has to do.
  }
  return new ApiError(response.status, message || describeStatus(response.status), reason);
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
  fetchImpl: typeof fetch = fetch,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers[CSRF_HEADER] = '1';
  let response: Response;
  try {
    response = await fetchImpl(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, describeStatus(0));
  }
  if (response.status === 401 && path !== '/api/auth/login') announceSessionEnded();
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** A message for any thrown value, for showing in the page. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something unexpected went wrong.';
}
