// The matrix: attacker × victim × way in × how the victim's namespace is named × operation, generated from the
// op catalog; the controls (each tenant at home, through the same ways); and the verdicts.
import { createClient } from "../../../runtime/rpc/index.js";
import { Broker } from "../../../runtime/gen/broker/broker_pb.js";
import type { Metadata } from "../../../runtime/rpc/index.js";
import { OPS, revealsOwner, serviceOf, type Op, type Target } from "./ops.js";
import { NATIVE, renderNative } from "./native.js";
import { diff, ownerCanLogIn, poke, snapshot } from "./snapshot.js";
import type { Tenant, World } from "./tenants.js";
import { grpcWebAttempt } from "./grpc-web.js";
import { cliAttempt, collect, gatewayAttempt, gatewayPath, grpcAttempt, grpcTransport, WINDOW_MS, type Outcome } from "./ways.js";

export type Way = "gateway" | "proxy" | "grpc-web" | "internal" | "cli" | "service";
/**
 * How the victim's namespace is named: header (micro-namespace / Micro-Namespace), host (`victim.localhost`),
 * body (the request's database/domain/namespace field, from the caller's own namespace), service (the victim's
 * user service by name, from the caller's own namespace), env (`micro --env` holding the caller's token and the
 * victim's namespace), flag (`--database`/`--namespace`/`--metadata micro-namespace=`), option (the framework
 * client's namespace option). Controls use "home".
 */
export type Selector = "header" | "host" | "body" | "service" | "env" | "flag" | "option" | "home";

export interface Case {
  n: number;
  /** undefined: anonymous. */
  caller?: Tenant;
  /** Whose data is aimed at: the victim, or the caller itself in a control. */
  owner: Tenant;
  way: Way;
  selector: Selector;
  op: Op;
  control: boolean;
}

export const SELECTORS: Record<Way, Selector[]> = {
  gateway: ["header", "host", "body", "service"],
  proxy: ["header", "body", "service"],
  "grpc-web": ["header", "body", "service"],
  internal: ["header", "body"],
  cli: ["env", "flag"],
  service: ["header", "body", "service", "option"],
};

/** The CLI environment holding the attacker's login with the victim's namespace (see addForeignEnv). */
export const foreignEnv = (victim: Tenant) => `foreign-${victim.key.toLowerCase()}`;

export function label(c: Case): string {
  return `${c.caller?.key ?? "anonymous"}→${c.owner.key} ${c.way}/${c.selector} ${c.op.id}`;
}

function applies(way: Way, selector: Selector, op: Op): boolean {
  if (op.http) return way === "gateway" && (selector === "header" || selector === "host");
  if (way === "internal" && op.primitive === "service") return false; // user services are not on the builtins' port
  if (way === "grpc-web" && op.method.methodKind !== "unary" && op.method.methodKind !== "server_streaming") return false; // gRPC-Web has no client streams
  if (way === "cli") return !!op.cli && (selector !== "flag" || !!op.cli.nsFlag);
  if (op.id === "config.watch" && way === "service") return selector === "option"; // the real watcher
  switch (selector) {
    case "body": return op.nsInBody;
    case "service": return op.primitive === "service";
    case "option": return !!NATIVE[op.id];
    default: return true;
  }
}

export function attackCases(w: World): Case[] {
  const cases: Case[] = [];
  for (const caller of [w.A, w.B]) {
    const victim = w.other(caller);
    for (const [way, selectors] of Object.entries(SELECTORS) as [Way, Selector[]][]) {
      for (const selector of selectors) {
        for (const op of OPS) if (applies(way, selector, op)) cases.push({ n: cases.length, caller, owner: victim, way, selector, op, control: false });
      }
    }
  }
  for (const victim of [w.A, w.B]) {
    for (const [way, selector] of [["gateway", "header"], ["gateway", "host"], ["proxy", "header"], ["grpc-web", "header"]] as [Way, Selector][]) {
      for (const op of OPS) if (applies(way, selector, op)) cases.push({ n: cases.length, owner: victim, way, selector, op, control: false });
    }
  }
  return cases;
}

export function controlCases(w: World, first: number): Case[] {
  const cases: Case[] = [];
  for (const t of [w.A, w.B]) {
    for (const way of Object.keys(SELECTORS) as Way[]) {
      for (const op of OPS) {
        if (op.noControl) continue;
        const homes: Selector[] = way === "service" ? ["home", "option"] : ["home"];
        for (const selector of homes) {
          const ok = selector === "option" ? !!NATIVE[op.id] : applies(way, way === "cli" ? "env" : "header", op) && !(way === "service" && op.id === "config.watch");
          if (ok) cases.push({ n: first + cases.length, caller: t, owner: t, way, selector, op, control: true });
        }
      }
    }
  }
  return cases;
}

/** Whether the caller's account may use `op` in its own namespace at all (what the control expects). */
export function allowedAtHome(c: Case): boolean {
  const rights = c.way === "service" ? ["account", "service"] : c.caller!.key === "A" ? ["account"] : ["account", "service", "admin"];
  return rights.includes(c.op.need);
}

export async function execute(w: World, c: Case): Promise<Outcome> {
  const target: Target = {
    owner: c.owner, bodyNs: c.selector === "body" ? c.owner.ns : "", caseId: `c${c.n}`, control: c.control,
    ctl: `ctl-${c.way}${c.selector === "option" ? "-native" : ""}-${(c.caller?.key ?? "x").toLowerCase()}`,
  };
  const request = c.op.request(target);
  const service = serviceOf(c.op, c.owner);
  const namedNs = c.selector === "header" || c.selector === "host" || c.selector === "home" ? c.owner.ns : c.caller?.ns;
  const pokeFn = c.op.poke ? () => poke(w, c.owner, c.op.poke!) : undefined;
  const enough = (text: string) => revealsOwner(c.op, text, c.owner);
  const token = c.caller && (c.way === "service" ? undefined : c.caller.user.token);
  switch (c.way) {
    case "gateway": {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      if (c.selector === "header" || c.selector === "home") headers["micro-namespace"] = namedNs!;
      if (c.selector === "host") headers.host = `${c.owner.ns}.localhost:${w.apiPort}`;
      return gatewayAttempt(w.apiPort, gatewayPath(service, c.op), headers, request, c.op, pokeFn, enough);
    }
    case "grpc-web": {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      if (namedNs) headers["micro-namespace"] = namedNs;
      headers["micro-service"] = service;
      return grpcWebAttempt(w.server.apiAddress, c.op, request, headers, pokeFn, enough);
    }
    case "proxy":
    case "internal": {
      const md: Metadata = token ? { authorization: `Bearer ${token}` } : {};
      if (namedNs) md["micro-namespace"] = namedNs;
      if (c.way === "proxy") md["micro-service"] = service;
      return grpcAttempt(grpcTransport(c.way === "proxy" ? w.server.proxyAddress : w.server.internalAddress, md), c.op, request, {}, pokeFn, enough);
    }
    case "service": {
      const svc = c.caller!.svc;
      if (c.selector === "option") {
        const call = NATIVE[c.op.id]!;
        const ns = c.control ? undefined : c.owner.ns;
        const streams = c.op.method.methodKind === "server_streaming";
        return collect((signal) => iterate(call(svc, target, ns, signal)), renderNative, pokeFn, streams ? WINDOW_MS : 5000, enough);
      }
      const options = c.selector === "header" ? { metadata: { "micro-namespace": c.owner.ns } } : {};
      return grpcAttempt(svc.platform.transport(service), c.op, request, options, pokeFn, enough);
    }
    case "cli": {
      const cli = c.op.cli!;
      let args = cli.args(target);
      if (c.selector === "env") args = [...args, "--env", foreignEnv(c.owner)];
      if (c.selector === "flag") args = [...args, ...cli.nsFlag!(c.owner.ns)];
      return cliAttempt(c.caller!.home, w.proxyPort, args, !!cli.stream, pokeFn);
    }
  }
}

async function* iterate(x: Promise<unknown> | AsyncIterable<unknown>): AsyncGenerator<unknown> {
  if (Symbol.asyncIterator in (x as object)) yield* x as AsyncIterable<unknown>;
  else yield await x;
}

const READS = new Set(["read", "list", "watch", "consume"]);

/** A control's failure (its refusals elsewhere would then prove nothing), or undefined. */
export function judgeControl(c: Case, o: Outcome): string | undefined {
  if (!allowedAtHome(c)) {
    return o.kind === "refused" ? undefined : `expected a refusal at home (no ${c.op.need} rights), got ${describe(o)}`;
  }
  if (o.kind !== "ok" && o.kind !== "open") return `expected success at home, got ${describe(o)}`;
  if (READS.has(c.op.kind) && !revealsOwner(c.op, o.output, c.owner)) return `did not see its own data: ${o.output.slice(0, 200)}`;
  return undefined;
}

export function describe(o: Outcome): string {
  return o.kind === "ok" || o.kind === "open" ? `${o.kind} ${o.output.slice(0, 160)}` : `${o.kind} ${o.code} ${o.detail.slice(0, 160)}`;
}

export interface Verdict { kind: "refused" | "nothing" | "leak" | "inconclusive"; reason?: string }

export class Judge {
  private baseline = new Map<Tenant, Record<string, string>>();

  constructor(private readonly w: World) {}

  async start(): Promise<void> {
    for (const t of [this.w.A, this.w.B]) this.baseline.set(t, await snapshot(this.w, t));
  }

  /** What changed in either tenant since the last look (then the new state is the baseline). */
  async changes(): Promise<string[]> {
    const out: string[] = [];
    for (const t of [this.w.A, this.w.B]) {
      const now = await snapshot(this.w, t);
      out.push(...diff(this.baseline.get(t)!, now).map((d) => `${t.key}: ${d}`));
      this.baseline.set(t, now);
    }
    return out;
  }

  async judge(c: Case, o: Outcome): Promise<Verdict> {
    const victim = c.owner;
    const problems: string[] = [];
    if (revealsOwner(c.op, o.output, victim)) problems.push(`saw the victim's data: ${o.output.slice(0, 200)}`);
    if (c.op.mutates || ((o.kind === "ok" || o.kind === "open") && o.poked && c.op.poke === "events")) {
      const now = await snapshot(this.w, victim);
      const changed = diff(this.baseline.get(victim)!, now);
      if (changed.length && c.op.mutates) problems.push(`changed the victim's data: ${changed.join("; ")}`);
      this.baseline.set(victim, now); // a poke adds the victim's own event: the new normal
    }
    if (c.op.id === "auth.change-secret" && !(await ownerCanLogIn(this.w, victim))) problems.push("the victim can no longer log in");
    if (problems.length) return { kind: "leak", reason: problems.join("; ") };
    if (o.kind === "refused") return { kind: "refused" };
    if (o.kind === "failed") return { kind: "inconclusive", reason: describe(o) };
    return { kind: "nothing", reason: describe(o) };
  }
}

/** The victims' own broker subscribers: an attacker's publish that reaches one is a leak. */
export function watchBrokers(w: World): { stop(): void; received(t: Tenant): string[]; ready: Promise<void> } {
  const got = new Map<Tenant, string[]>();
  const ac = new AbortController();
  const ready: Promise<void>[] = [];
  for (const t of [w.A, w.B]) {
    const list: string[] = [];
    got.set(t, list);
    const broker = createClient(Broker, w.root(t.ns));
    let live!: () => void;
    ready.push(new Promise<void>((r) => (live = r)));
    void (async () => {
      try {
        for await (const m of broker.subscribe({ topic: "chat" }, { signal: ac.signal })) {
          const body = Buffer.from(m.body).toString("utf8");
          if (body === "probe") live();
          list.push(body);
        }
      } catch { /* stopped */ }
    })();
    // Probe until the subscription delivers: only then can a missing message mean anything.
    void (async () => {
      for (let i = 0; i < 100 && !list.includes("probe"); i++) {
        await broker.publish({ topic: "chat", message: { header: {}, body: new TextEncoder().encode("probe") } });
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
  }
  return { stop: () => ac.abort(), received: (t) => got.get(t)!, ready: Promise.all(ready).then(() => undefined) };
}
