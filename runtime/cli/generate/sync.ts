// The handler half of `micro generate`: reads the service specs from the generated code, then brings every
// handler/*.ts in step. Loaded only when there is a handler directory (ts-morph takes ~0.5 s to load).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FileDescriptorSet } from "@bufbuild/protobuf/wkt";
import { Project } from "ts-morph";
import { syncHandler } from "./handler.js";
import { serviceSpecs } from "./rpcs.js";

export interface SyncInput {
  readonly handlerDir: string;
  /** Absolute generated code directory. */
  readonly out: string;
  readonly protoRoot: string;
  readonly descriptors: FileDescriptorSet;
  /** The generated `_micro.ts` files, named relative to `out`. */
  readonly outputs: readonly { name: string; content: string }[];
}

export interface HandlerChange {
  readonly path: string;
  /** The new text, when stubs were added. */
  readonly text?: string;
  readonly added: { rpc: string; method: string }[];
  readonly extra: { service: string; method: string; protoFile: string }[];
}

export function syncHandlers(input: SyncInput): HandlerChange[] {
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  const specs = serviceSpecs(project, input.descriptors, input.outputs);
  if (specs.length === 0) return [];
  const changes: HandlerChange[] = [];
  for (const path of handlerFiles(input.handlerDir)) {
    const text = readFileSync(path, "utf8");
    const sync = syncHandler(project, { path, text }, specs, input.out);
    if (sync.added.length === 0 && sync.extra.length === 0) continue;
    changes.push({
      path,
      text: sync.added.length > 0 ? sync.text : undefined,
      added: sync.added.map((a) => ({ rpc: `${a.service.name}.${a.rpc.name}`, method: a.rpc.method })),
      extra: sync.extra.map((x) => ({ service: x.service.name, method: x.method, protoFile: x.service.protoFile })),
    });
  }
  return changes;
}

/** The handler sources of a service: handler/*.ts (not declarations), in name order. */
function handlerFiles(handlerDir: string): string[] {
  return readdirSync(handlerDir)
    .filter((n) => n.endsWith(".ts") && !n.endsWith(".d.ts"))
    .sort()
    .map((n) => join(handlerDir, n));
}
