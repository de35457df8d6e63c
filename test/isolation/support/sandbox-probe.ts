// The sandbox probe: a service run with `micro run` in a tenant's namespace that tries to reach what a tenant's code
// must not — the server's signing key, config key, LMDB files, uploads, environment; the other tenant's build,
// logs, area and processes; writing into the data dir — and logs one line per attempt: "could …" (a leak) or
// "denied … CODE". Controls (its own source, a world-readable file, its own HOME) must succeed, so the denials are
// not those of a probe that can read nothing.
import { chmod, mkdtemp, readdir, readlink, writeFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient, createGrpcTransport } from "../../../runtime/rpc/index.js";
import { Runtime, Source } from "../../../runtime/gen/runtime/runtime_pb.js";
import type { Tenant, World } from "./tenants.js";

export interface ProbeTargets { read: string[]; list: string[]; write: string[]; signal: number[]; controlRead: string[]; controlWrite: string[] }

const PROBE_MAIN = `
const fs = require("fs");
const t = JSON.parse(process.env.PROBE_TARGETS);
const attempt = (what, target, fn) => {
  try { fn(); console.log("could " + what + " " + target); } catch (e) { console.log("denied " + what + " " + target + " " + e.code); }
};
const control = (what, target, fn) => {
  try { fn(); console.log("control ok " + what + " " + target); } catch (e) { console.log("control FAILED " + what + " " + target + " " + e.code); }
};
const write = (dir) => { const f = dir + "/probe-" + process.pid; fs.writeFileSync(f, "x"); fs.unlinkSync(f); };
for (const p of t.read) attempt("read", p, () => fs.readFileSync(p));
for (const d of t.list) attempt("list", d, () => fs.readdirSync(d));
for (const d of t.write) attempt("write", d, () => write(d));
for (const pid of t.signal) attempt("signal", pid, () => process.kill(pid, 0));
for (const p of t.controlRead) control("read", p, () => fs.readFileSync(p));
for (const d of t.controlWrite) control("write", d, () => write(d));
console.log("probe done uid=" + process.getuid());
setInterval(() => {}, 1e9);
`;

/** The process whose working directory is the tenant's job build (src-*), as root sees /proc. */
async function jobProcess(t: Tenant): Promise<{ pid: number; cwd: string }> {
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => "");
    if (cwd.includes(`/${t.ns}/services/${t.job}/src-`)) return { pid: Number(entry), cwd };
  }
  throw new Error(`no process of ${t.ns}/${t.job} found`);
}

/** Everything `t`'s code must not reach, and its controls. */
export async function probeTargets(w: World, t: Tenant, probeSource: string): Promise<ProbeTargets> {
  const data = w.server.dataDir;
  const other = w.other(t);
  const victim = await jobProcess(other);
  const area = dirname(dirname(dirname(victim.cwd)));
  // an upload of the platform's, so there is one to try
  const archive = execFileSync("tar", ["-czf", "-", "-C", probeSource, "."]);
  const { id } = await createClient(Source, w.root("micro")).upload((async function* () { yield { data: archive }; })());
  const upload = join(data, "runtime", "uploads", `${id.replace(/^upload:/, "")}.tar.gz`);
  return {
    read: [
      // (the config key is a file only when MICRO_CONFIG_SECRET_KEY does not give it; the server's environ has it then)
      join(data, "auth", "jwt-private.pem"), join(data, "secrets", "config.key"), join(data, "db", "data.mdb"), join(data, "db", "lock.mdb"),
      upload, join(data, "runtime", "services", other.ns, other.job, "logs.jsonl"),
      join(victim.cwd, "main.js"), join(victim.cwd, "package.json"),
      `/proc/${process.pid}/environ`, `/proc/${victim.pid}/environ`,
    ].filter((p) => existsSync(p)),
    list: [data, join(data, "runtime"), dirname(area), join(data, "runtime", "uploads"), join(data, "runtime", "services"), area, victim.cwd],
    write: [data, join(data, "runtime"), dirname(area), area, victim.cwd, join(data, "runtime", "services", t.ns)],
    signal: [process.pid, victim.pid],
    controlRead: ["main.js", join(probeSource, "main.js")],
    controlWrite: ["."],
  };
}

/** Runs the probe in `t`'s namespace as its owner; answers its log lines once it is done (and removes it), and how
 * many attempts it was given. */
export async function runProbe(w: World, t: Tenant, dirs: string[]): Promise<{ lines: string[]; attempts: number }> {
  const src = await mkdtemp(join(tmpdir(), `iso-probe-${t.key}-`));
  dirs.push(src);
  await chmod(src, 0o755);
  await writeFile(join(src, "package.json"), JSON.stringify({ name: "probe", version: "1.0.0", private: true, scripts: { start: "node main.js" } }));
  await writeFile(join(src, "main.js"), PROBE_MAIN);
  const targets = await probeTargets(w, t, src);
  const runtime = createClient(Runtime, createGrpcTransport({ address: w.server.proxyAddress, metadata: t.owner }));
  const name = `probe-${t.key.toLowerCase()}`;
  await runtime.create({ resource: { service: { name, version: "latest", source: src } }, options: { namespace: t.ns, env: [`PROBE_TARGETS=${JSON.stringify(targets)}`] } });
  try {
    for (let i = 0; i < 600; i++) {
      const lines: string[] = [];
      for await (const l of runtime.logs({ service: name, count: 200n, options: { namespace: t.ns } })) lines.push(l.message);
      if (lines.some((l) => l.startsWith("probe done"))) {
        const attempts = targets.read.length + targets.list.length + targets.write.length + targets.signal.length;
        return { lines: lines.filter((l) => /^(could|denied|control|probe done)/.test(l)), attempts };
      }
      const s = (await runtime.read({ options: { namespace: t.ns, service: name } })).services[0];
      if (s?.metadata.status === "error") throw new Error(`the probe did not run: ${s.metadata.error}\n${lines.join("\n")}`);
      await sleep(100);
    }
    throw new Error("the probe did not finish");
  } finally {
    await runtime.delete({ resource: { service: { name } }, options: { namespace: t.ns } }).catch(() => undefined);
  }
}
