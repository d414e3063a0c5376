// The /api/v1 client of the dashboard: the key from the browser tab's
// session (sessionStorage, never localStorage or a cookie), JSON in and
// out, problem+json answers turned into ApiError.

const KEY = 'retain.key';

// The key of this browser tab's session, or null.
export function sessionKey() {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

// Keeps the key for this tab's session (null forgets it).
export function setSessionKey(key) {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

// A failed call: status, the problem's title and detail, and the field it
// names (problem+json `errors: [{ field, message }]`), if any.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
    this.field = problem?.field ?? this.errors[0]?.field ?? null;
    // What is wrong with that field, without the "field: " of the detail.
    this.fieldMessage = this.errors[0]?.message ?? problem?.detail ?? this.message;
  }
}

let onUnauthorized = () => {};
// Called (once per failed call) when the server refuses the key (401).
export function whenUnauthorized(fn) {
  onUnauthorized = fn;
}

// Builds "/api/v1/path?a=1&b=2", leaving out empty parameters.
export function url(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return `/api/v1/${path}${s ? `?${s}` : ''}`;
}

async function call(method, path, { params, body, key, headers, signal } = {}) {
  const h = { Accept: 'application/json', ...(headers || {}) };
  const k = key ?? sessionKey();
  if (k) h.Authorization = `Bearer ${k}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const res = await fetch(url(path, params), {
    method,
    headers: h,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    signal, // an AbortController's: the call rejects with an AbortError
  });
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    if (res.status === 401 && !key) onUnauthorized();
    throw new ApiError(res.status, typeof data === 'object' ? data : { detail: data });
  }
  return data;
}

// GET /api/v1/<path> with query parameters.
export const get = (path, params, opts = {}) => call('GET', path, { ...opts, params });
// POST a JSON body; an idempotency key makes a retried click safe.
export const post = (path, body, opts = {}) => call('POST', path, { ...opts, body });
export const patch = (path, body, opts = {}) => call('PATCH', path, { ...opts, body });
export const del = (path, opts = {}) => call('DELETE', path, opts);

// A fresh Idempotency-Key header for one user action.
export function once() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return { 'Idempotency-Key': Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') };
}
