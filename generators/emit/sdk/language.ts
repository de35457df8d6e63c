// What each SDK language provides: its names for the view, and how its standard generator writes the message
// and stub code next to the rendered files.
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { SdkInput } from "./input.js";
import type { SdkView } from "./view.js";

export type SdkOptions = Readonly<Record<string, string | undefined>>;

export interface SdkLanguage {
  readonly name: string;
  /** Adds the language's names (packages, types, paths) to the view, in place. */
  decorate(view: SdkView, input: SdkInput, options: SdkOptions): void;
  /** Writes the message and stub code with the language's own generator; returns the paths written (relative). */
  generateMessages(view: SdkView, input: SdkInput, outDir: string, options: SdkOptions): string[];
  /** Rendered files the toolchain rewrites afterwards (go.mod after `go mod tidy`): not compared for staleness. */
  readonly toolchainOwned?: readonly string[];
}

/** A protoc plugin: `options.binDir` (where tools.ts installed it), then $MICRO_SDK_BIN, PATH, ~/go/bin. */
export function findPlugin(name: string, options: SdkOptions): string {
  const dirs = [options.binDir, process.env.MICRO_SDK_BIN, ...(process.env.PATH ?? "").split(delimiter),
    process.env.GOBIN, join(process.env.HOME ?? "", "go", "bin")];
  for (const dir of dirs) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${name} not found (install it, or let npm run sdk or micro generate --lang install it: generators/emit/sdk/tools.ts)`);
}

/** The well-known types come with every language's protobuf runtime. */
export function isWkt(protoPath: string): boolean {
  return protoPath.startsWith("google/protobuf/");
}
