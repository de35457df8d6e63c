// The store conformance suite on the PostgreSQL engine, against a real PostgreSQL started from the Debian
// package for this file (skipped, saying why, where the package is missing).
import { after, test } from "node:test";
import { conformance } from "./conformance.js";
import { postgresHarness } from "./harness.js";
import { startPostgres, type TestPostgres } from "../support/postgres.js";

const server = await startPostgres();
if ("skip" in server) {
  test("store conformance: PostgreSQL", { skip: server.skip }, () => undefined);
} else {
  const pg: TestPostgres = server;
  after(() => pg.stop());
  conformance("PostgreSQL", () => postgresHarness(pg.url));
}
