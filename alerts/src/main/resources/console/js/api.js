// The lead service's HTTP API (docs/API.md): every call carries the signed-in token as a Bearer header.
const TOKEN_KEY = 'ecowatch.token';

/** Who is signed in: the token (kept for this browser tab only) and /api/me's answer. */
export const session = { token: sessionStorage.getItem(TOKEN_KEY), me: null, districts: new Map() };

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error ?? (status >= 500 ? 'unavailable' : 'invalid-request');
    this.field = body?.field;
  }
}

/** path + query string; array values repeat the parameter (status=NEW&status=ACCEPTED); null values are left out. */
export function withQuery(path, params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value == null) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, item);
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export async function api(path, { method = 'GET', body, params, signal } = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${session.token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(withQuery(path, params), { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, { error: 'offline', message: error.message });
  }
  const json = await response.json().catch(() => null);
  if (response.status === 401 && session.me) {
    signOut(); // the token was revoked or the service restarted with other tokens
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/** Every item of a paged list (leads, alerts), following offset up to `max` items. */
export async function all(path, name, params = {}, max = 2000) {
  const items = [];
  for (;;) {
    const page = await api(path, { params: { ...params, limit: 500, offset: items.length } });
    items.push(...page[name]);
    if (page[name].length === 0 || items.length >= page.total || items.length >= max) return items;
  }
}

export async function signIn(token) {
  session.token = token;
  try {
    session.me = await api('/api/me');
  } catch (error) {
    session.token = null;
    throw error;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  const { districts } = await api('/api/districts');
  session.districts = new Map(districts.map(d => [d.id, d]));
  return session.me;
}

export function signOut() {
  const wasSignedIn = session.me != null;
  sessionStorage.removeItem(TOKEN_KEY);
  session.token = null;
  session.me = null;
  session.districts = new Map();
  if (wasSignedIn) window.dispatchEvent(new Event('ecowatch:signed-out'));
}

export function isStation() {
  return session.me?.role === 'station';
}

export function districtName(id) {
  return session.districts.get(id)?.name ?? id;
}

/** An officer's name from the registry (history and acceptedBy hold ids); a station user's name as it is. */
export function personName(id) {
  for (const district of session.districts.values()) {
    const officer = district.officers?.find(o => o.id === id);
    if (officer) return officer.name;
  }
  return id;
}
