// The broker conformance suite on NATS core subjects, against a throwaway nats-server (required: Debian's
// nats-server; missing, the file fails naming it).
import { after } from "node:test";
import { NatsBroker } from "../../runtime/broker/nats.js";
import { connectNats } from "../../runtime/server/engines-nats.js";
import { startNats } from "../support/nats.js";
import { conformance } from "./conformance.js";

const server = await startNats();
after(() => server.stop());

conformance("NATS", async () => {
  const nc = await connectNats("broker", server.url);
  return { impl: new NatsBroker(nc), close: () => nc.close() };
});
