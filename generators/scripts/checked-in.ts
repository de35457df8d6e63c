// The generated code this repository checks in, and how it is made: `npm run gen` rewrites it and
// test/generators/checked-in.test.ts fails when any of it is stale.
import type { GenerateFromDirOptions } from "../generate.js";

export const CHECKED_IN: readonly GenerateFromDirOptions[] = [
  { dir: "proto", out: "runtime/gen", targets: ["ts"], options: { rpc_import: "../rpc/index.js" } },
  { dir: "runtime/server/reflection/proto", out: "runtime/server/reflection/gen", targets: ["ts"], options: { rpc_import: "../../../rpc/index.js" } },
  { dir: "fixtures/helloworld", out: "test/gen", targets: ["ts"], options: { rpc_import: "../../runtime/rpc/index.js" } },
];
