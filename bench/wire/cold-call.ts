// One process, one call: what the CLI pays per command for its gRPC client (it makes one call per process).
// Loads only the client kind named (clients.ts), calls Helloworld.Call once and exits. Arguments: kind address.
import { createBenchClient, type Kind } from "./clients.js";

const [kind, address] = process.argv.slice(2);
const client = await createBenchClient(kind as Kind, address!);
const msg = await client.call("Alice");
client.close();
if (msg !== "Hello Alice") {
  process.stderr.write(`unexpected reply ${msg}\n`);
  process.exitCode = 1;
}
