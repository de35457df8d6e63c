// `npm run demo:cluster`: three `micro server`s as one platform on one machine — throwaway etcd (registry,
// config), nats-server with JetStream (events, broker) and PostgreSQL (store, auth), each on a free port in a temp
// dir, and three `bin/micro server` processes on them. It reuses the tests' harness (dist/test/support/cluster.js),
// so it needs the Debian packages etcd-server, nats-server and postgresql, and a build (npm run build).
// Ctrl-C (or SIGTERM) stops the servers, then the engines, and removes their temp dirs.
import { startCluster } from "../dist/test/support/cluster.js";

const count = Number(process.env.MICRO_DEMO_SERVERS ?? 3);
if (!Number.isInteger(count) || count < 1 || count > 9) {
  console.error(`MICRO_DEMO_SERVERS=${process.env.MICRO_DEMO_SERVERS}: give a number of servers from 1 to 9`);
  process.exit(2);
}
console.log(`starting etcd, nats-server and PostgreSQL, then ${count} micro servers…`);
const cluster = await startCluster({ servers: count });
const { etcd, nats, postgres } = cluster.engines;
console.log(`
engines:
  etcd        ${etcd.url}   (registry, config)
  nats-server ${nats.url}   (events on JetStream, broker)
  PostgreSQL  ${postgres.url}   (store, accounts, rules, token keys, runtime records)
servers:`);
for (const s of cluster.servers) {
  console.log(`  ${s.name}: proxy ${s.proxyAddress}  api http://${s.apiAddress}  web http://${s.webAddress}  (pid ${s.pid})`);
}
const [a, b] = cluster.servers;
console.log(`
try it (admin / micro; any server honours a login made through another):
  MICRO_PROXY_PORT=${a.proxyAddress.split(":")[1]} micro login --email admin --password-stdin <<< micro
  MICRO_PROXY_PORT=${a.proxyAddress.split(":")[1]} micro run ./some-service
  MICRO_PROXY_PORT=${(b ?? a).proxyAddress.split(":")[1]} micro status     # lists it too, and logs/kill/update reach server ${a.name}
Put a TCP load balancer in front of the proxies (or an HTTP one in front of the APIs) to use them as one address.
Ctrl-C stops everything.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping the servers and the engines…");
  await cluster.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
// a server that dies on its own is reported; the rest keep running
for (const s of cluster.servers) {
  void s.exited.then((how) => { if (!stopping) console.log(`server ${s.name} exited (${how}):\n${s.output().split("\n").slice(-5).join("\n")}`); });
}
