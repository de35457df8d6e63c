// The ways in that skip the front doors: a call straight to a tenant's service port (any process on the host, any
// pod), and one from another tenant's running service (its own transport and service token). Each is tried with six
// credentials — none, a spoofed micro-namespace, another tenant's token, an expired token, a token signed by another
// key, a valid token of the right tenant — against the victim's private endpoints (Helloworld.Call and .Stream,
// members only) and its one public endpoint (Helloworld.Message). A service admits a call only with a token the
// platform signed: a public endpoint answers another tenant's token, never a call without one.
import { setTimeout as sleep } from "node:timers/promises";
import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from "jose";
import { createClient, createGrpcTransport, type Metadata } from "../../../runtime/rpc/index.js";
import { Auth } from "../../../runtime/gen/auth/auth_pb.js";
import { Helloworld } from "../../gen/helloworld_pb.js";
import type { Tenant, World } from "./tenants.js";
import { fromError, type Outcome } from "./ways.js";

export type DirectWay = "direct" | "service";
export const CREDENTIALS = ["none", "spoofed-namespace", "other-tenant", "expired", "other-key", "right-tenant"] as const;
export type Credential = (typeof CREDENTIALS)[number];
export const DIRECT_OPS = ["call", "stream", "message"] as const;
export type DirectOp = (typeof DIRECT_OPS)[number];

export interface DirectCase {
  n: number;
  way: DirectWay;
  /** The tenant whose service is called. */
  victim: Tenant;
  /** The other tenant: the caller of the "service" way, the holder of the "other-tenant" token. */
  attacker: Tenant;
  credential: Credential;
  op: DirectOp;
}

export function directLabel(c: DirectCase): string {
  return `${c.attacker.key}→${c.victim.key} ${c.way}/${c.credential} ${c.op}`;
}

export function directCases(w: World): DirectCase[] {
  const cases: DirectCase[] = [];
  for (const victim of [w.A, w.B]) {
    for (const way of ["direct", "service"] as DirectWay[]) {
      for (const credential of CREDENTIALS) {
        for (const op of DIRECT_OPS) cases.push({ n: cases.length, way, victim, attacker: w.other(victim), credential, op });
      }
    }
  }
  return cases;
}

/** The tokens the cases need that the world does not hold: an expired one and a forged one per tenant. */
export interface Forgeries {
  expired: Map<Tenant, string>;
  otherKey: Map<Tenant, string>;
}

export async function forgeries(w: World): Promise<Forgeries> {
  const expired = new Map<Tenant, string>();
  const otherKey = new Map<Tenant, string>();
  const { privateKey } = await generateKeyPair("EdDSA");
  let latest = 0;
  for (const t of [w.A, w.B]) {
    // a real login of the tenant's user for one second
    const auth = createClient(Auth, createGrpcTransport({ address: w.server.proxyAddress, metadata: () => ({ "micro-namespace": t.ns }) }));
    const token = (await auth.token({ id: t.user.id, secret: t.user.secret, tokenExpiry: 1n, options: { namespace: t.ns } })).token!;
    expired.set(t, token.accessToken);
    latest = Math.max(latest, Number(token.expiry));
    // the same claims (an admin's, for good measure) and the platform key's kid, signed with a key of our own
    const claims = decodeJwt(t.user.token);
    const { kid } = decodeProtectedHeader(t.user.token);
    otherKey.set(t, await new SignJWT({ ...claims, scopes: ["admin"] }).setProtectedHeader({ alg: "EdDSA", typ: "JWT", ...(kid ? { kid } : {}) }).sign(privateKey));
  }
  // expired by the system's own clock (the server's, on this host)
  while (Date.now() / 1000 <= latest) await sleep(200);
  return { expired, otherKey };
}

/** The metadata of a case: the "service" way starts from what the attacker's service sends on its own calls. */
async function metadataOf(c: DirectCase, f: Forgeries): Promise<Metadata> {
  const base: Metadata = c.way === "service" ? { ...await c.attacker.svc.platform.metadata() } : {};
  const bearer = (token: string) => ({ ...base, authorization: `Bearer ${token}` });
  const { authorization: _dropped, ...withoutToken } = base;
  switch (c.credential) {
    case "none": return withoutToken;
    // the victim's namespace named, as the front doors would forward it: with no token, and for the service way with
    // the attacker service's own token
    case "spoofed-namespace": return { ...(c.way === "service" ? base : withoutToken), "micro-namespace": c.victim.ns };
    case "other-tenant": return c.way === "service" ? base : bearer(c.attacker.user.token);
    case "expired": return bearer(f.expired.get(c.victim)!);
    case "other-key": return bearer(f.otherKey.get(c.victim)!);
    // the victim's own member, naming the attacker's namespace: the call still runs in the victim's
    case "right-tenant": return { ...bearer(c.victim.user.token), "micro-namespace": c.attacker.ns };
  }
}

export async function executeDirect(c: DirectCase, f: Forgeries): Promise<Outcome> {
  const md = await metadataOf(c, f);
  const address = c.victim.registration.nodes[0]!.address;
  const client = createClient(Helloworld, createGrpcTransport({ address, metadata: () => md, timeoutMs: 5000 }));
  try {
    switch (c.op) {
      case "call": return { kind: "ok", output: (await client.call({ name: `d${c.n}` })).msg, poked: false };
      case "message": return { kind: "ok", output: (await client.message({ name: `d${c.n}` })).msg, poked: false };
      case "stream": {
        const out: string[] = [];
        for await (const r of client.stream({ count: 1n })) out.push(String(r.count));
        return { kind: "ok", output: out.join("\n"), poked: false };
      }
    }
  } catch (err) {
    return fromError(err);
  }
}

/** What the case must end in: an answer, or a refusal with this code. */
export function expected(c: DirectCase): "ok" | 401 | 403 {
  if (c.credential === "right-tenant") return "ok";
  const carriesAccount = c.credential === "other-tenant" || (c.credential === "spoofed-namespace" && c.way === "service");
  if (!carriesAccount) return 401;
  return c.op === "message" ? "ok" : 403;
}

/** undefined when the outcome is the expected one and shows none of the victim's private data; else the problem. */
export function judgeDirect(c: DirectCase, o: Outcome): string | undefined {
  const want = expected(c);
  const leaked = o.output.includes(c.victim.marker) || o.output.includes(String(c.victim.countMarker));
  if (want === "ok") {
    if (o.kind !== "ok") return `expected an answer, got ${o.kind} ${"code" in o ? o.code : ""} ${"detail" in o ? o.detail : ""}`;
    if (c.op === "call" && !o.output.includes(`(call in ${c.victim.ns})`)) return `the call did not run in the service's namespace: ${o.output}`;
    return undefined;
  }
  if (o.kind === "refused" && o.code === want && !leaked) return undefined;
  if (o.kind === "ok" || leaked) return `LEAK: answered ${JSON.stringify(o.output.slice(0, 120))}`;
  return `expected ${want}, got ${o.kind} ${"code" in o ? o.code : ""} ${"detail" in o ? o.detail : ""}`;
}
