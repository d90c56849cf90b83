// The one way the web app talks to the API: JSON in and out, the session cookie, the CSRF header on writes,
// and one error type that carries the server's `{"error": {code, message, issues}}` body.

export interface FieldIssue {
  path: string;
  message: string;
  /** What kind of refusal (too_small, end_before_start, claim_implausible…), worded by the web in its language. */
  code?: string;
  params?: Record<string, unknown>;
}

/** A finer reason than the error code (e.g. conflict → engagement_closed), with its parameters. */
export interface ErrorReason {
  code: string;
  params?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly reason: ErrorReason | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Issues keyed by field path (first message wins), for showing next to form fields. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const i of this.issues) if (!(i.path in out)) out[i.path] = i.message;
    return out;
  }
}

export function isApiError(e: unknown, status?: number): e is ApiError {
  return e instanceof ApiError && (status === undefined || e.status === status);
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
let csrfToken: string | null = null;
let csrfPending: Promise<string | null> | null = null;

/** The CSRF token is bound to the session: forget it whenever the session changes (login, signup, logout). */
export function resetCsrf(): void {
  csrfToken = null;
  csrfPending = null;
}

async function fetchCsrf(): Promise<string | null> {
  if (csrfToken) return csrfToken;
  csrfPending ??= (async () => {
    const res = await fetch('/api/v1/auth/csrf', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!res.ok) return null; // not logged in: public writes (login, signup) need no token
    const body = (await res.json()) as { token: string };
    csrfToken = body.token;
    return csrfToken;
  })().finally(() => {
    csrfPending = null;
  });
  return csrfPending;
}

async function toError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (proxy error page, network hiccup)
  }
  const err = (body as { error?: { code?: string; message?: string; issues?: FieldIssue[]; reason?: ErrorReason } } | null)?.error;
  // Import refusals send `reason` as the refused line's sentence; only an object with a code is a reason code.
  const reason = err?.reason && typeof err.reason === 'object' && typeof err.reason.code === 'string' ? err.reason : null;
  return new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? res.statusText ?? 'request failed', err?.issues ?? [], reason);
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | null | undefined>;
  body?: unknown;
  signal?: AbortSignal;
}

function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const isForm = typeof FormData !== 'undefined' && opts.body instanceof FormData;
  if (opts.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (!SAFE.has(method)) {
    const token = await fetchCsrf();
    if (token) headers['x-csrf-token'] = token;
  }
  const res = await fetch(withQuery(path, opts.query), {
    method,
    headers,
    credentials: 'same-origin',
    body: opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
    signal: opts.signal,
  });
  if (!res.ok) {
    const err = await toError(res);
    // The session may have changed under us (another tab logged in again): refetch the token once.
    if (err.code === 'csrf_failed' && !retried) {
      resetCsrf();
      return request<T>(method, path, opts, true);
    }
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** A file as downloaded: its bytes and type (for a document the user reviews before acting on it). */
export async function download(path: string, signal?: AbortSignal): Promise<{ bytes: ArrayBuffer; type: string }> {
  const res = await fetch(path, { credentials: 'same-origin', signal });
  if (!res.ok) throw await toError(res);
  return { bytes: await res.arrayBuffer(), type: res.headers.get('content-type') ?? 'application/octet-stream' };
}

/** SHA-256 of bytes, as lower-case hex (what the server records). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
};
