// bench:scale's simulated nodes, in a process of their own (so that their heartbeats do not share an event loop with
// the calls the bench times). No service runs behind them: each node is a registry entry that its namespace's
// service account registers through the servers' proxies (round robin) and heartbeats by registering again every
// TTL/3, as the service framework does, with a real TTL, so etcd's leases expire any node whose heartbeats stop.
// Commands arrive on stdin, one JSON object a line:
//   {"add": [{"namespace", "id", "secret"}, …]}  log each namespace's service account in, register its nodes, heartbeat them;
//                                                 answers {"added": <namespaces>, "nodes": <total>, "ms": <registration time>}
//   {"stats": true}                              answers {"stats": {nodes, heartbeats, failures, lastFailure, inFlight}}
//   {"pause": true} / {"pause": false}           holds heartbeats back (for a quiet measurement, far shorter than a TTL) / lets them go; answers {"paused": …}
// argv: <proxy address,…> <services per namespace> <nodes per service> <ttl seconds>
import { createInterface } from "node:readline";
import pLimit from "p-limit";
import { Auth } from "../../runtime/gen/auth/auth_pb.js";
import { Registry } from "../../runtime/gen/registry/registry_pb.js";
import { createClient, createGrpcTransport } from "../../runtime/rpc/index.js";

const [proxyList, servicesArg, nodesArg, ttlArg] = process.argv.slice(2);
if (!proxyList || !servicesArg || !nodesArg || !ttlArg) throw new Error("usage: nodes.js <proxies> <services per namespace> <nodes per service> <ttl seconds>");
const proxies = proxyList.split(",");
const SERVICES = Number(servicesArg);
const NODES = Number(nodesArg);
const TTL = Number(ttlArg);
const registries = proxies.map((address) => createClient(Registry, createGrpcTransport({ address, timeoutMs: 30_000 })));
const auths = proxies.map((address) => createClient(Auth, createGrpcTransport({ address, timeoutMs: 60_000 })));
let turn = 0;
const nextRegistry = () => registries[turn++ % registries.length]!;
// a heartbeat in flight at a time per 2 ms of interval is plenty; bounds the sockets' queues when the servers lag
const limit = pLimit(64);

const stats = { nodes: 0, heartbeats: 0, failures: 0, lastFailure: "" };
let paused = false;
const ENDPOINTS = ["Call", "List", "Watch"].map((e) => ({ name: `Svc.${e}`, request: { name: `${e}Request`, type: "", values: [] }, response: { name: `${e}Response`, type: "", values: [] }, metadata: {} }));

interface Namespace { namespace: string; id: string; secret: string }

async function register(ns: string, token: string, service: number, node: number): Promise<void> {
  await nextRegistry().register({
    name: `svc-${service}`, version: "latest", metadata: {}, endpoints: ENDPOINTS,
    // an address no one listens on: the node is only a registry entry
    nodes: [{ id: `svc-${service}-${node}`, address: `10.${service}.${node}.1:9090`, metadata: { transport: "grpc", protocol: "grpc" } }],
    options: { ttl: BigInt(TTL), domain: ns },
  }, { metadata: { authorization: `Bearer ${token}`, "micro-namespace": ns } });
}

async function add(list: Namespace[]): Promise<void> {
  const started = performance.now();
  await Promise.all(list.map(async ({ namespace, id, secret }) => {
    // a token that outlives the run (the bench takes well under the requested 2 h)
    const token = (await limit(() => auths[turn++ % auths.length]!.token({ id, secret, tokenExpiry: 7200n, options: { namespace } }))).token!.accessToken;
    await Promise.all(Array.from({ length: SERVICES * NODES }, async (_, k) => {
      const [service, node] = [Math.floor(k / NODES), k % NODES];
      await limit(() => register(namespace, token, service, node));
      stats.nodes++;
      // heartbeats every TTL/3, each node at its own phase so they spread over the interval
      const beat = async () => {
        if (paused) return;
        try {
          await limit(() => register(namespace, token, service, node));
          stats.heartbeats++;
        } catch (err) {
          stats.failures++;
          stats.lastFailure = (err as Error).message;
        }
      };
      setTimeout(() => { void beat(); setInterval(beat, (TTL * 1000) / 3); }, Math.random() * (TTL * 1000) / 3);
    }));
  }));
  console.log(JSON.stringify({ added: list.length, nodes: stats.nodes, ms: performance.now() - started }));
}

createInterface({ input: process.stdin }).on("line", (line) => {
  const command = JSON.parse(line) as { add?: Namespace[]; stats?: boolean; pause?: boolean };
  if (command.pause !== undefined) {
    paused = command.pause;
    console.log(JSON.stringify({ paused }));
  }
  if (command.add) add(command.add).catch((err: Error) => { console.log(JSON.stringify({ error: err.message })); });
  if (command.stats) console.log(JSON.stringify({ stats: { ...stats, inFlight: limit.activeCount + limit.pendingCount } }));
}).on("close", () => process.exit(0));
