// The tenant isolation matrix of the auth issue, through the real ways in: two tenants × every primitive × the
// HTTP gateway, the gRPC proxy, gRPC-Web, the builtins' internal port, the `micro` CLI and a framework service × every
// way of naming the other namespace × read/list/write/delete/watch/consume. Each attempt must be refused
// (401/403) or see nothing, and leave the victim's data as it was. Controls first: each tenant reaches its own
// data through the same ways, so the refusals are not vacuous.
import { after, before, test } from "node:test";
import { rm } from "node:fs/promises";
import assert from "node:assert/strict";
import { createClient } from "../../runtime/rpc/index.js";
import { Runtime } from "../../runtime/gen/runtime/runtime_pb.js";
import { addForeignEnv, startWorld, type World } from "./support/tenants.js";
import { Judge, attackCases, controlCases, describe, execute, foreignEnv, judgeControl, label, watchBrokers, type Case } from "./support/matrix.js";
import type { Outcome } from "./support/ways.js";
import { runProbe } from "./support/sandbox-probe.js";
import { directCases, directLabel, executeDirect, expected, forgeries, judgeDirect } from "./support/direct.js";
import { skipUnlessRoot } from "../support/tools.js";

let w: World;
/** Everything any way in answered: checked for secrets at the end. */
const answers: string[] = [];

before(async () => {
  w = await startWorld();
  for (const t of [w.A, w.B]) await addForeignEnv(t.home, foreignEnv(w.other(t)), w.other(t).ns);
});

after(async () => {
  await w?.close();
});

/** Attempts at once: the CLI's process start-up dominates, and two cores are plenty for four. */
const PARALLEL = 4;

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

async function run(c: Case): Promise<Outcome> {
  const o = await execute(w, c);
  answers.push(o.output, "detail" in o ? o.detail : "");
  return o;
}

test("controls: each tenant reaches its own data through every way in (and is refused only what its account may not do)", async () => {
  const cases = controlCases(w, 100_000);
  const failures: string[] = [];
  // in order within one caller's way (a control deletes what the one before wrote), the ways side by side
  const groups = new Map<string, Case[]>();
  for (const c of cases) groups.set(`${c.caller!.key} ${c.way} ${c.selector}`, [...(groups.get(`${c.caller!.key} ${c.way} ${c.selector}`) ?? []), c]);
  await pool([...groups.values()], PARALLEL, async (group) => {
    for (const c of group) {
      const problem = judgeControl(c, await run(c));
      if (problem) failures.push(`${label(c)}: ${problem}`);
    }
  });
  console.log(`${cases.length} controls, ${failures.length} failed`);
  assert.deepEqual(failures, []);
});

test("matrix: every cross-tenant attempt is refused or sees nothing, and changes nothing", async () => {
  const cases = attackCases(w);
  const brokers = watchBrokers(w);
  await brokers.ready;
  const judge = new Judge(w);
  await judge.start();
  const leaks: string[] = [];
  const inconclusive: string[] = [];
  const tally = { refused: 0, nothing: 0 };
  const nothing: string[] = [];
  const perWay = new Map<string, number>();
  const started = Date.now();
  const attempt = async (c: Case) => {
    const v = await judge.judge(c, await run(c));
    perWay.set(c.way, (perWay.get(c.way) ?? 0) + 1);
    if (v.kind === "leak") leaks.push(`${label(c)}: ${v.reason}`);
    else if (v.kind === "inconclusive") inconclusive.push(`${label(c)}: ${v.reason}`);
    else tally[v.kind]++;
    if (v.kind === "nothing") nothing.push(`${label(c)}: ${v.reason}`);
  };
  // attempts that only read run side by side; then, one at a time so each change is pinned on its case, the writes
  await pool(cases.filter((c) => !c.op.mutates), PARALLEL, attempt);
  for (const changed of await judge.changes()) leaks.push(`a read-only attempt changed the victim's data: ${changed}`);
  for (const c of cases.filter((c) => c.op.mutates)) await attempt(c);
  // an attacker's publish must never reach the victim's own subscribers
  await new Promise((r) => setTimeout(r, 200));
  brokers.stop();
  for (const t of [w.A, w.B]) {
    for (const body of brokers.received(t)) {
      const m = /ATTACK c(\d+)/.exec(body);
      if (m) leaks.push(`${label(cases[Number(m[1])]!)}: the victim's subscriber received ${JSON.stringify(body)}`);
    }
  }
  console.log(`${cases.length} cases, ${leaks.length} leaks (${tally.refused} refused, ${tally.nothing} saw nothing, ${inconclusive.length} inconclusive) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`per way in: ${[...perWay].map(([k, n]) => `${k} ${n}`).join(", ")}`);
  for (const l of nothing) console.log(`saw nothing: ${l}`);
  for (const l of leaks) console.log(`LEAK ${l}`);
  assert.deepEqual(leaks, []);
  assert.deepEqual(inconclusive, [], "every attempt must end in a refusal or an answer, not an unrelated error");
});

test("direct to a service's port and from another tenant's service: only a platform token of the right tenant opens the private endpoints",
  async () => {
    const f = await forgeries(w);
    const cases = directCases(w);
    const problems: string[] = [];
    let leaks = 0;
    const tally = { refused: 0, answered: 0 };
    await pool(cases, PARALLEL, async (c) => {
      const o = await executeDirect(c, f);
      answers.push(o.output, "detail" in o ? o.detail : "");
      const problem = judgeDirect(c, o);
      if (problem) {
        problems.push(`${directLabel(c)}: ${problem}`);
        if (problem.startsWith("LEAK")) leaks++;
      } else tally[expected(c) === "ok" ? "answered" : "refused"]++;
    });
    console.log(`${cases.length} cases, ${leaks} leaks (direct to the service and from another tenant's service: ${tally.refused} refused, ` +
      `${tally.answered} answered as they should: the right tenant everywhere, another tenant's token on the public endpoint)`);
    for (const p of problems) console.log(p);
    assert.deepEqual(problems, []);
    // through the front doors the public endpoint stays public to anonymous callers, the private ones do not open
    for (const t of [w.A, w.B]) {
      const post = (endpoint: string) => fetch(`http://127.0.0.1:${w.apiPort}/${t.service}/helloworld/${endpoint}`, {
        method: "POST", headers: { "content-type": "application/json", "micro-namespace": t.ns }, body: JSON.stringify({ name: "anon" }),
      });
      const open = await post("message");
      assert.equal(open.status, 200, `anonymous ${t.service} Helloworld.Message through the gateway: ${await open.clone().text()}`);
      assert.match(((await open.json()) as { msg: string }).msg, /^Message for anon from /);
      assert.equal((await post("call")).status, 401);
    }
  });

test("a tenant's runtime job never receives the server's config secret key", async () => {
  for (const t of [w.A, w.B]) {
    const lines: string[] = [];
    for await (const l of createClient(Runtime, w.root(t.ns)).logs({ service: t.job, count: 50n, options: { namespace: t.ns } })) lines.push(l.message);
    const first = lines.find((l) => l.startsWith("job of"));
    assert.ok(first?.includes(t.marker), `job ${t.job} logged its first line`);
    assert.match(first!, /no-config-key$/, `job ${t.job} saw MICRO_CONFIG_SECRET_KEY`);
  }
});

// The local runtime's sandbox (runtime/launcher/sandbox.ts): each namespace's code runs as a user of its own, so a
// tenant's service reads none of the server's files and nothing of the other tenant's. Only root can switch users;
// a server that is not root refuses tenants' code instead (test/runtime/sandbox.test.ts).
test("a tenant's service cannot read the server's keys, LMDB files, uploads or environment, nor the other tenant's build, logs or processes",
  async (ctx) => {
    if (skipUnlessRoot(ctx, "the sandbox needs a server running as root")) return;
    const dirs: string[] = [];
    try {
      for (const t of [w.A, w.B]) {
        const { lines, attempts } = await runProbe(w, t, dirs);
        const done = lines.find((l) => l.startsWith("probe done"));
        assert.ok(done, `the probe in ${t.ns} finished`);
        assert.doesNotMatch(done, /uid=0$/, "the probe runs as a sandbox user, not root");
        const leaks = lines.filter((l) => l.startsWith("could "));
        assert.deepEqual(leaks, [], `${t.ns}'s service reached what it must not`);
        const denied = lines.filter((l) => l.startsWith("denied "));
        assert.equal(denied.length, attempts, "every attempt was made, and refused");
        // a missing target would be a denial by accident: every one must be refused for lack of rights
        assert.deepEqual(denied.filter((l) => !/ (EACCES|EPERM)$/.test(l)), [], "every denial is EACCES or EPERM");
        assert.deepEqual(lines.filter((l) => l.startsWith("control FAILED")), [], "the probe reads its own files and a world-readable one, and writes its HOME");
        assert.equal(lines.filter((l) => l.startsWith("control ok")).length, 3);
      }
    } finally {
      for (const d of dirs) await rm(d, { recursive: true, force: true });
    }
  });

test("no secret or token shows in the server's log or in any answer", () => {
  const tokens = [w.A.user.token, w.B.user.token];
  const log = w.serverLog.join("\n");
  const everything = answers.join("\n");
  for (const s of [...w.secrets, ...tokens]) {
    assert.ok(!log.includes(s), "a secret is in the server log");
    assert.ok(!everything.includes(s), `a secret is in an answer: ${describe({ kind: "ok", output: everything.slice(Math.max(0, everything.indexOf(s) - 80), everything.indexOf(s) + 80), poked: false })}`);
  }
});
