// The CLI's entry, run by bin/micro. When node started from the CLI's startup snapshot (runtime/cli/snapshot.ts),
// a service call runs the main already loaded there; anything else imports the CLI from dist/. CommonJS: node
// starts a CommonJS entry a few milliseconds sooner than an ES module one.
"use strict";
const argv = process.argv.slice(2);
const loadBuiltin = () => import("../dist/runtime/cli/builtin.js");
const snapshot = globalThis[Symbol.for("micro-ts.cli")];
const cli = snapshot?.isServiceCommand(argv) ? Promise.resolve(snapshot) : import("../dist/runtime/cli/main.js");
cli.then(({ main }) => main(argv, loadBuiltin)).then((code) => { process.exitCode = code; });
