// Everything the page asks of the server, all on its own origin: /session (sign-in, session.ts) and /api (the
// API gateway's handler). The token is an HttpOnly cookie this script never sees; a 401 is answered by one
// refresh through the micro-refresh cookie and the request tried again.

/** `namespaces`: those the account can use (its own; every one for an admin of the micro namespace). */
export interface Session { signedIn: boolean; id?: string; namespace?: string; scopes?: string[]; namespaces?: string[] }

/** Micro's error envelope. */
export interface MicroErrorBody { id: string; code: number; detail: string; status: string }

export interface CallResult { ok: boolean; status: number; ms: number; body: unknown }

export type Schema = Record<string, any>;

export interface ListedEndpoint {
  name: string; description: string; streaming: string; path: string; public: boolean;
  request?: Schema; response?: Schema; requestType?: string; responseType?: string;
}
export interface ListedService {
  name: string; described: boolean; endpoints: ListedEndpoint[];
  versions: { version: string; nodes?: { id: string; address: string }[] }[];
}
export interface Listing { namespace: string; services: ListedService[] }

async function json(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

export async function session(): Promise<Session> {
  return (await json(await fetch("/session", { cache: "no-store" }))) as Session;
}

export async function signIn(namespace: string, id: string, secret: string): Promise<Session> {
  const res = await fetch("/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ namespace, id, secret }) });
  const body = await json(res);
  if (!res.ok) throw asError(body, res.status);
  return body as Session;
}

export async function signOut(): Promise<void> {
  await fetch("/session/signout", { method: "POST" });
}

/** A request to the gateway, in `namespace`; one refresh and retry on a 401. */
export async function api(path: string, namespace: string, init: { method?: string; body?: string } = {}): Promise<CallResult> {
  const send = () => fetch(`/api${path}`, {
    method: init.method ?? "GET", body: init.body, cache: "no-store",
    headers: { "micro-namespace": namespace, ...(init.body !== undefined && { "content-type": "application/json" }) },
  });
  const started = performance.now();
  let res = await send();
  if (res.status === 401 && (await fetch("/session/refresh", { method: "POST" })).ok) res = await send();
  const body = await json(res);
  return { ok: res.ok, status: res.status, ms: Math.round(performance.now() - started), body };
}

export async function listing(namespace: string): Promise<Listing> {
  const r = await api("/.well-known/micro/endpoints", namespace);
  if (!r.ok) throw asError(r.body, r.status);
  return r.body as Listing;
}

/** An Error carrying Micro's detail, and the HTTP status as `status`. */
export function asError(body: unknown, status: number): Error & { status: number } {
  const e = body as Partial<MicroErrorBody> | null;
  return Object.assign(new Error(e && typeof e === "object" && e.detail ? `${e.detail} (${e.code ?? status} ${e.status ?? ""})`.trim() : `HTTP ${status}`), { status });
}

/** A unary call to `path` (a builtin's, like any endpoint's) with a JSON request: its answer, or an Error with
 * Micro's detail. The pages (runtime, store, config, events, accounts) call the builtins only this way and
 * through stream.ts: no page has server code of its own. The builtins' paths are the gateway's routes for them,
 * /<service>/<proto service>/<method> in lower case (e.g. /store/store/list). */
export async function rpc<T = Record<string, any>>(path: string, namespace: string, request: unknown = {}): Promise<T> {
  const r = await api(path, namespace, { method: "POST", body: JSON.stringify(request) });
  if (!r.ok) throw asError(r.body, r.status);
  return (r.body ?? {}) as T;
}
