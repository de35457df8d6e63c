// Child process of the gateway bench: the helloworld service, run by the framework under a service account, in
// a process of its own so that it does not share an event loop with the gateway or the load generator.
// Environment: MICRO_PROXY, MICRO_AUTH_ID, MICRO_AUTH_SECRET. Prints `address <host:port>` once registered.
import { Service } from "../../runtime/service/index.js";
import { HelloworldService } from "../../test/gen/helloworld_micro.js";
import { helloworldHandlers } from "../support/helloworld.js";

const service = new Service({
  // BENCH_SERVICE_NAME: another registry name, for a second helloworld beside one the gateway routes to (micro-v3.ts)
  name: process.env.BENCH_SERVICE_NAME || "helloworld",
  env: { proxy: process.env.MICRO_PROXY!, namespace: "micro", authId: process.env.MICRO_AUTH_ID!, authSecret: process.env.MICRO_AUTH_SECRET! },
});
service.handle(HelloworldService, helloworldHandlers);
const address = await service.start();
process.stdout.write(`address ${address}\n`);
process.on("SIGTERM", () => void service.stop().finally(() => process.exit(0)));
