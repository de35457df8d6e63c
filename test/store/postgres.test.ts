// The store conformance suite on the PostgreSQL engine, against a real PostgreSQL started from the Debian
// package for this file (required: where the package is missing the file fails, saying so).
import { conformance } from "./conformance.js";
import { postgresHarness } from "./harness.js";
import { startPostgres } from "../support/postgres.js";

const server = await startPostgres();
conformance("PostgreSQL", async () => {
  const harness = await postgresHarness(server.url);
  // the server goes once the suite's pool has closed its connections
  return { ...harness, close: async () => { await harness.close(); await server.stop(); } };
});
