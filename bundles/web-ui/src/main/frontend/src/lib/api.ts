// The app's only way to the server: the public REST API under /api/v3, with the session cookie and, on writes,
// the session's CSRF token. Anything the UI does, a script can do with the same calls.

export const API = '/api/v3';

/** A failed API call: the HTTP status, GitHub's {message, errors} body, and the request id for the logs. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly requestId: string | null = null,
    readonly errors: Array<{ resource?: string; field?: string; code?: string; message?: string }> = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The first field error's text, or the message: what a form shows. */
  get detail(): string {
    const first = this.errors.find((e) => e.message || e.field);
    if (!first) return this.message;
    return first.message ?? `${first.field} is ${first.code ?? 'invalid'}`;
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from POST/GET /session); writes send it as X-CSRF-Token. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export interface ApiOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Sent as Accept; JSON by default. */
  accept?: string;
  headers?: Record<string, string>;
}

/** A response with what the caller may need beyond the body: pagination links and totals. */
export interface ApiResponse<T> {
  data: T;
  status: number;
  headers: Headers;
  links: Record<string, string>;
}

declare global {
  interface Window {
    /** GETs that public/boot.js started before the app ran, by API path; each is taken once. */
    __codaraEarly?: Record<string, Promise<Response>>;
  }
}

/** How long after the page loaded an early answer is still fresh enough to use. */
const EARLY_FOR_MS = 10_000;

/** The answer public/boot.js already asked for: only a plain JSON GET of the same path, once, and only early on. */
function takeEarly(path: string, method: string, options: ApiOptions): Promise<Response> | undefined {
  const early = typeof window === 'undefined' ? undefined : window.__codaraEarly;
  if (!early || method !== 'GET' || options.accept || options.headers || !(path in early)) return undefined;
  const response = early[path];
  delete early[path];
  return performance.now() < EARLY_FOR_MS ? response : undefined;
}

export async function apiResponse<T>(path: string, options: ApiOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (options.body instanceof Blob || options.body instanceof FormData || typeof options.body === 'string') {
      body = options.body as BodyInit;
    } else {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await (takeEarly(path, method, options) ?? fetch(path.startsWith('/api/') ? path : API + path, {
      method,
      headers,
      body,
      signal: options.signal,
      credentials: 'same-origin',
    }));
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'The server cannot be reached. Check your connection and try again.');
  }
  const requestId = response.headers.get('X-Request-Id');
  const type = response.headers.get('Content-Type') ?? '';
  if (!response.ok) {
    let message = response.statusText || `HTTP ${response.status}`;
    let errors: ApiError['errors'] = [];
    if (type.includes('json')) {
      try {
        const json = await response.json();
        message = json.message ?? message;
        errors = Array.isArray(json.errors) ? json.errors : [];
      } catch {
        /* a body that is not JSON after all: keep the status text */
      }
    }
    throw new ApiError(response.status, message, requestId, errors);
  }
  let data: unknown = null;
  if (response.status !== 204 && method !== 'HEAD') {
    data = type.includes('json') ? await response.json() : await response.text();
  }
  return { data: data as T, status: response.status, headers: response.headers, links: parseLinks(response.headers.get('Link')) };
}

export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  return (await apiResponse<T>(path, options)).data;
}

/** GitHub's Link header: `<url>; rel="next", <url>; rel="last"` to {next: url, last: url}. */
export function parseLinks(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match) {
      for (const rel of match[2].split(/\s+/)) links[rel] = match[1];
    }
  }
  return links;
}

/** Encodes each segment of a repository path, keeping the slashes. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** Query string from the defined values only. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
