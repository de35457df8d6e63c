// What every emitter receives: the protoplugin schema (to print files), the model (to read), and our options.
import type { Schema } from "@bufbuild/protoplugin";
import type { Model } from "../model/index.js";

/** The outputs protoc-gen-micro can produce; "ts" is protoc-gen-es's `_pb.ts` plus our `_micro.ts`. */
export const MICRO_TARGETS = ["ts", "cli", "routes", "openapi", "mcp"] as const;
export type MicroTarget = (typeof MICRO_TARGETS)[number];

/** Where generated TypeScript imports the Micro runtime from unless `rpc_import=` says otherwise. */
export const DEFAULT_RPC_IMPORT = "micro-ts/rpc";

// Field names must not clash with protoplugin's own options (`targets`, `importExtension`...): protoplugin merges
// the two objects into schema.options.
export interface MicroOptions {
  readonly microTargets: readonly MicroTarget[];
  /** Module generated TypeScript imports the Micro RPC runtime from. */
  readonly rpcImport: string;
}

export interface EmitContext {
  readonly schema: Schema<MicroOptions>;
  readonly model: Model;
  readonly options: MicroOptions;
  /** Where JSON outputs go when set (protoc-gen-micro): into the response as they are, not through protoplugin. */
  readonly jsonFiles?: JsonFile[];
}

/** A finished JSON output: its name and its whole content. */
export interface JsonFile {
  readonly name: string;
  readonly content: string;
}

export type Emitter = (ctx: EmitContext) => void;
