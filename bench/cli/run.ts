// `npm run bench:cli`: how long `micro` takes to call a service, against the floor of any Node program.
//   node -e 0                                           — the Node floor
//   bare call (dist/bench/cli/bare-call.js)             — the floor plus the call: node:http2, one hand-made request
//   micro helloworld --name=Alice                       — a dynamic command (the service's registered schema)
//   micro call helloworld Helloworld.Call '{"name":"Alice"}'
// against a real server and helloworld service started here, logged in as admin with a temporary HOME.
// Target: each micro command ≤ 2 × the Node floor + the call's own cost (bare call − floor), judged on means and,
// since a shared machine's bursts land in the mean, on medians too. Prints figures only. Knobs: BENCH_RUNS (20).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../runtime/server/server.js";
import { Service } from "../../runtime/service/index.js";
import { closeChannels } from "../../runtime/rpc/index.js";
import { HelloworldService } from "../../test/gen/helloworld_micro.js";
import { helloworldHandlers, serviceAccount } from "../support/helloworld.js";
import { hyperfine, run } from "../support/processes.js";
import { MICRO_BIN } from "../../test/cli/support/micro.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const BARE = fileURLToPath(new URL("./bare-call.js", import.meta.url));

async function startHelloworld(proxy: string): Promise<Service> {
  process.env.MICRO_LOG_LEVEL ??= "warn"; // the service's own start/stop lines are not figures
  const account = await serviceAccount(proxy, "helloworld");
  const service = new Service({ name: "helloworld", env: { proxy, namespace: "micro", authId: account.id, authSecret: account.secret } });
  service.handle(HelloworldService, helloworldHandlers);
  await service.start();
  return service;
}

interface Timing { command: string; mean: number; stddev: number; median: number; min: number }

async function main(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "micro-bench-cli-"));
  const home = join(dir, "home");
  const server = await startServer({ dataDir: join(dir, "data"), ports: { proxy: 0, api: 0, host: "127.0.0.1" }, log: () => undefined });
  let service: Service | undefined;
  try {
    service = await startHelloworld(server.proxyAddress);
    const port = server.proxyAddress.split(":").pop()!;
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, MICRO_PROXY_PORT: port, NO_COLOR: "1" };
    const login = await run(MICRO_BIN, ["login", "--email", "admin", "--password", "micro"], env);
    if (login.code !== 0) throw new Error(`micro login failed: ${login.stderr}`);
    const node = process.execPath;
    const commands = [
      { label: "node -e 0", argv: [node, "-e", "0"] },
      { label: "bare call (node:http2)", argv: [node, BARE, server.proxyAddress] },
      // bin/micro as a user's shell runs it: the launcher picks the startup snapshot when it was built for this node
      { label: "micro helloworld --name=Alice", argv: [MICRO_BIN, "helloworld", "--name=Alice"] },
      { label: "micro call helloworld Helloworld.Call", argv: [MICRO_BIN, "call", "helloworld", "Helloworld.Call", '{"name":"Alice"}'] },
    ];
    for (const c of commands.slice(1)) {
      const r = await run(c.argv[0]!, c.argv.slice(1), env);
      if (r.code !== 0 || (c.argv[1] !== BARE && !r.stdout.includes("Hello Alice"))) throw new Error(`${c.label} failed (${r.code}): ${r.stdout}${r.stderr}`);
    }
    const quote = (s: string) => (/^[\w./=:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
    // hyperfine runs in a child so that this process keeps serving the calls it times
    const results = await hyperfine(commands.map((c) => c.argv.map(quote).join(" ")), RUNS, env);
    const t: Timing[] = results.map((r, i) => ({ command: commands[i]!.label, mean: r.mean, stddev: r.stddev, median: r.median, min: r.min }));
    const [floor, bare, dynamic, call] = t as [Timing, Timing, Timing, Timing];
    for (const r of t) {
      console.log(`${r.command.padEnd(40)} mean ${r.mean.toFixed(1).padStart(6)} ms ± ${r.stddev.toFixed(1).padStart(5)}  median ${r.median.toFixed(1).padStart(6)}  ` +
        `min ${r.min.toFixed(1).padStart(6)}  ${(r.mean / floor.mean).toFixed(2)}× node (mean)`);
    }
    for (const stat of ["mean", "median"] as const) {
      const callCost = bare[stat] - floor[stat];
      const budget = 2 * floor[stat] + callCost;
      console.log(`${stat}s: the call's own cost (bare − floor) ${callCost.toFixed(1)} ms; budget 2 × floor + call = ${budget.toFixed(1)} ms; ` +
        [dynamic, call].map((r) => `${r.command.split(" ").slice(0, 2).join(" ")} ${(r[stat] / budget).toFixed(2)}× budget`).join(", ") + " (target ≤ 1)");
    }
    return 0;
  } finally {
    await service?.stop();
    await server.close();
    closeChannels();
    await rm(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
