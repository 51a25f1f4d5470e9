import { loadServerCatalog } from './server-messages.ts';

/**
 * One wrong field or line of a problem+json answer. `message` is in the language of the request (the
 * server says catalogued messages in the Accept-Language we send); `code` is the stable name to act on
 * and, with `params`, to word it in the language selected since.
 */
export interface ApiProblem {
  field?: string;
  line?: number;
  index?: number;
  code?: string;
  /** The parameters of `code`, to word it again in another language (app/server-messages.ts). */
  params?: Readonly<Record<string, string | number>>;
  message: string;
}

/** Problem details from the API (application/problem+json). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors: ApiProblem[] = [],
    /** The server's catalogued code and parameters (issue #12): the stable name to act on or translate by. */
    readonly code?: string,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(detail ?? title);
  }
}

/**
 * The refusal a failed response carries. When it says catalogued codes, the server's catalogue is
 * loaded first (once), so screens can word it in the language the reader selects, now or later.
 */
export async function apiErrorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => ({}))) as { title?: string; detail?: string; errors?: unknown; code?: unknown; params?: Record<string, string | number> };
  const errors = Array.isArray(body.errors) ? (body.errors as ApiProblem[]) : [];
  const code = typeof body.code === 'string' ? body.code : undefined;
  if (code || errors.some((p) => p.code)) await loadServerCatalog();
  return new ApiError(res.status, body.title ?? res.statusText, body.detail, errors, code, body.params ?? {});
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
/** The session's CSRF token, for writes that read a file rather than JSON back (exports). */
export function csrfTokenForWrites(): string | null {
  return csrfToken;
}

/** Calls the API with the session cookie, and the CSRF token on writes. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.method && init.method !== 'GET' && csrfToken) headers.set('x-csrf-token', csrfToken);
  if (init.body && typeof init.body === 'string') headers.set('content-type', 'application/json');
  // Messages come back in the page's language (the i18n layer keeps <html lang> current).
  if (!headers.has('accept-language')) headers.set('accept-language', document.documentElement.lang || 'vi');
  const res = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (!res.ok) {
    throw await apiErrorOf(res);
  }
  // 204 No Content (logout, deletes) has no body to parse.
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  return (await res.json()) as T;
}
