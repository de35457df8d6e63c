// The store conformance suite on the PostgreSQL engine, against a real PostgreSQL started from the Debian
// package for this file (skipped, saying why, where the package is missing).
import { test } from "node:test";
import { conformance } from "./conformance.js";
import { postgresHarness } from "./harness.js";
import { startPostgres } from "../support/postgres.js";

const server = await startPostgres();
if ("skip" in server) {
  test("store conformance: PostgreSQL", { skip: server.skip }, () => undefined);
} else {
  conformance("PostgreSQL", async () => {
    const harness = await postgresHarness(server.url);
    // the server goes once the suite's pool has closed its connections
    return { ...harness, close: async () => { await harness.close(); await server.stop(); } };
  });
}
