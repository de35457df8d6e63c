// The baseline the codegen targets are measured against: protoc-gen-es as published, without our patch of
// @bufbuild/protoplugin (patches/). Made from the installed packages: @bufbuild/* copied into a scratch
// node_modules with the patch taken out again (git apply -R), everything else linked to the repository's own, so
// the baseline runs exactly the published code at the installed versions and needs no network.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";

/** What protoc-gen-es runs on; the patched package and its neighbours, so they resolve one another in the copy. */
const COPIED = new Set(["protobuf", "protoplugin", "protoc-gen-es"]);

export interface Baseline {
  /** protoc-gen-es without the patch. */
  readonly pristineEs: string;
  /** protoc-gen-es as installed here, patched. */
  readonly patchedEs: string;
}

export function prepareBaseline(repo: string, workDir: string): Baseline {
  const modules = join(repo, "node_modules");
  const scratch = join(workDir, "pristine");
  const scratchModules = join(scratch, "node_modules");
  mkdirSync(join(scratchModules, "@bufbuild"), { recursive: true });
  for (const entry of readdirSync(modules)) {
    if (entry === "@bufbuild" || entry === ".bin" || entry.startsWith(".")) continue;
    symlinkSync(join(modules, entry), join(scratchModules, entry));
  }
  for (const entry of readdirSync(join(modules, "@bufbuild"))) {
    const from = join(modules, "@bufbuild", entry), to = join(scratchModules, "@bufbuild", entry);
    if (COPIED.has(entry)) cpSync(from, to, { recursive: true, dereference: true });
    else symlinkSync(from, to);
  }
  const patches = join(repo, "patches");
  // Only the copied packages' patches: the rest of scratch/node_modules links to the repository's own files.
  for (const patch of readdirSync(patches).filter((p) => p.startsWith("@bufbuild+") && p.endsWith(".patch"))) {
    const r = spawnSync("git", ["apply", "-R", join(patches, patch)], { cwd: scratch, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`cannot take ${patch} out of a copy of the installed packages: ${r.stderr}`);
  }
  const bin = ["@bufbuild", "protoc-gen-es", "bin", "protoc-gen-es"];
  return { pristineEs: join(scratchModules, ...bin), patchedEs: join(modules, ...bin) };
}
