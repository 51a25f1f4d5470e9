/** One wrong field or line of a problem+json answer; `code` is translated when the catalogue has it. */
export interface ApiProblem {
  field?: string;
  line?: number;
  index?: number;
  code?: string;
  message: string;
}

/** Problem details from the API (application/problem+json). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors: ApiProblem[] = [],
  ) {
    super(detail ?? title);
  }
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
  const res = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { title?: string; detail?: string; errors?: ApiProblem[] };
    throw new ApiError(res.status, body.title ?? res.statusText, body.detail, Array.isArray(body.errors) ? body.errors : []);
  }
  // 204 No Content (logout, deletes) has no body to parse.
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  return (await res.json()) as T;
}
