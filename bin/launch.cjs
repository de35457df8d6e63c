// The CLI's entry, run by bin/micro. When node started from the CLI's startup snapshot (runtime/cli/snapshot.ts)
// and the snapshot serves the command, it runs from there; anything else imports the CLI from dist/. CommonJS:
// node starts a CommonJS entry a few milliseconds sooner than an ES module one.
"use strict";
// bin/micro's malloc setting for `micro server` (MALLOC_MMAP_THRESHOLD_) is read by this process's malloc as it
// starts; the programs the server runs (tenants' services, builds, the privileged helper) get the environment
// they would have had without it
if (process.env.MICRO_SERVER_MALLOC === "bin/micro") {
  delete process.env.MALLOC_MMAP_THRESHOLD_;
  delete process.env.MICRO_SERVER_MALLOC;
}
const argv = process.argv.slice(2);
const snapshot = globalThis[Symbol.for("micro-ts.cli")];
const run = snapshot?.serves(argv)
  ? snapshot.run
  : async (args) => (await import("../dist/runtime/cli/main.js")).main(args, () => import("../dist/runtime/cli/builtin.js"));
run(argv).then((code) => { process.exitCode = code; });
