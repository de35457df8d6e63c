// Builds the CLI's startup snapshot (runtime/cli/snapshot.ts; why: bench/cli). esbuild bundles the compiled
// dist/runtime/cli/snapshot.js into one CommonJS script — the form `node --build-snapshot` takes — and node runs it
// and freezes the heap into dist/cli/snapshot.blob. dist/cli/snapshot.node names the node binary that built it
// (device:inode:size:mtime, as `stat -L -c %d:%i:%s:%Y` prints them): bin/micro starts from the blob only under
// that very binary, because node refuses a snapshot made by another version. Without esbuild (an install without
// dev dependencies) there is no snapshot and bin/micro runs the CLI from dist/ as it is.
import { spawnSync } from "node:child_process";
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(repo, "dist", "cli");
const script = join(out, "snapshot.cjs");
const blob = join(out, "snapshot.blob");
const stamp = join(out, "snapshot.node");

// an old stamp must never vouch for a blob this run failed to rebuild
rmSync(stamp, { force: true });
let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  console.warn("build-cli-snapshot: esbuild is not installed; micro will start without its snapshot");
  process.exit(0);
}
mkdirSync(out, { recursive: true });
const commands = join(repo, "dist", "runtime", "cli", "commands");
await esbuild.build({
  entryPoints: [join(repo, "dist", "runtime", "cli", "snapshot.js")],
  outfile: script, bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning",
  // import() inside a snapshot has no loader to call at run time; as require() it loads node builtins fine
  supported: { "dynamic-import": false },
  plugins: [{
    // the builtins in the bundle list only the commands the snapshot serves (commands/light.ts): the others
    // need native addons and big libraries, and load from dist/ in a process of their own (bin/launch.cjs)
    name: "light-commands",
    setup(build) {
      build.onResolve({ filter: /^\.\/commands\/index\.js$/ }, (args) =>
        (join(args.resolveDir, args.path) === join(commands, "index.js") ? { path: join(commands, "light.js") } : undefined));
    },
  }, {
    // the generators load protobuf-es through createRequire (generators/cjs/protobuf.ts says why), which a bundle
    // cannot follow: here they get the same protobuf-es the rest of the bundle imports, one copy in the snapshot
    name: "esm-protobuf",
    setup(build) {
      build.onResolve({ filter: /\/cjs\/protobuf\.js$/ }, () => ({ path: "protobuf", namespace: "esm-protobuf" }));
      build.onLoad({ filter: /.*/, namespace: "esm-protobuf" }, () => ({
        resolveDir: repo,
        contents: ['export * as protobuf from "@bufbuild/protobuf";', 'export * as wkt from "@bufbuild/protobuf/wkt";',
          'export * as wire from "@bufbuild/protobuf/wire";'].join("\n"),
      }));
    },
  }],
});
// Built aside and renamed into place: a micro starting meanwhile reads the old blob or the new one, never half.
// Without NODE_OPTIONS, as bin/micro runs it: V8 flags are part of what a snapshot must match.
const fresh = `${blob}.${process.pid}.tmp`;
const env = { ...process.env };
delete env.NODE_OPTIONS;
const built = spawnSync(process.execPath, ["--snapshot-blob", fresh, "--build-snapshot", script], { encoding: "utf8", env });
// A warning counts as failure: it means a module that is not snapshot-safe got in (snapshot.ts says which belong).
// Failing leaves micro working, only slower to start; test/cli/snapshot.test.ts is what insists on the snapshot.
if (built.status !== 0 || built.stderr.trim()) {
  console.warn(`build-cli-snapshot: node --build-snapshot failed, so micro will start without its snapshot:\n${built.stderr}`);
  rmSync(fresh, { force: true });
  process.exit(0);
}
renameSync(fresh, blob);
const node = statSync(process.execPath);
writeFileSync(stamp, `${node.dev}:${node.ino}:${node.size}:${Math.floor(node.mtimeMs / 1000)}\n`);
