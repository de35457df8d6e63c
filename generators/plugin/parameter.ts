// Splits the plugin parameter into our options and protoc-gen-es's.
//   targets=ts+cli+routes+openapi+mcp (or targets=ts,cli,routes: bare words after targets= are more targets)
//   rpc_import=<module>
//   everything else goes to protoc-gen-es (target, import_extension, js_import_style, ts_nocheck, ...),
//   with our defaults target=ts and import_extension=js added when not given.
import { DEFAULT_RPC_IMPORT, MICRO_TARGETS, type MicroOptions, type MicroTarget } from "../emit/context.js";

export class MicroOptionError extends Error {
  override name = "MicroOptionError";
}

export interface SplitParameter {
  readonly options: MicroOptions;
  /** The parameter protoc-gen-es receives. */
  readonly esParameter: string;
  /** The parameter our own protoplugin plugin receives: protoc-gen-es's plus ours, normalised. */
  readonly microParameter: string;
}

const ES_DEFAULTS: readonly [string, string][] = [["target", "ts"], ["import_extension", "js"]];

export function splitParameter(parameter: string): SplitParameter {
  const targets: MicroTarget[] = [];
  let targetsGiven = false;
  let rpcImport = DEFAULT_RPC_IMPORT;
  const es: string[] = [];
  const esKeys = new Set<string>();
  // The text of the targets option so far, "targets=ts,cli" when given as a comma list, for error messages.
  let targetsRaw: string | undefined;
  for (const raw of parameter === "" ? [] : parameter.split(",")) {
    const eq = raw.indexOf("=");
    const key = eq < 0 ? raw : raw.slice(0, eq);
    const value = eq < 0 ? "" : raw.slice(eq + 1);
    if (key === "targets") {
      targetsGiven = true;
      targetsRaw = raw;
      for (const t of value.split("+")) addTarget(targets, t, targetsRaw);
    } else if (eq < 0 && targetsRaw !== undefined) {
      targetsRaw += "," + raw;
      addTarget(targets, key, targetsRaw);
    } else if (key === "rpc_import") {
      targetsRaw = undefined;
      if (value === "") throw new MicroOptionError(`invalid option "${raw}": rpc_import needs a module name`);
      rpcImport = value;
    } else {
      targetsRaw = undefined;
      es.push(raw);
      esKeys.add(key);
    }
  }
  for (const [key, value] of ES_DEFAULTS) if (!esKeys.has(key)) es.push(`${key}=${value}`);
  const options: MicroOptions = { microTargets: targetsGiven ? targets : [...MICRO_TARGETS], rpcImport };
  const ours = [`targets=${options.microTargets.join("+")}`, `rpc_import=${options.rpcImport}`];
  return { options, esParameter: es.join(","), microParameter: [...es, ...ours].join(",") };
}

function addTarget(targets: MicroTarget[], name: string, raw: string): void {
  if (name === "") throw new MicroOptionError(`invalid option "${raw}": empty target`);
  if (!(MICRO_TARGETS as readonly string[]).includes(name)) {
    throw new MicroOptionError(
      `unknown target "${name}" in option "${raw}"; valid targets are: ${MICRO_TARGETS.join(", ")}`,
    );
  }
  if (!targets.includes(name as MicroTarget)) targets.push(name as MicroTarget);
}

/**
 * protoplugin's parseOptions for our own plugin. It sees the keys protoplugin does not know: ours (already
 * normalised by splitParameter) and protoc-gen-es's extra options, which protoc-gen-es validates itself.
 */
export function parseMicroOptions(raw: { key: string; value: string }[]): MicroOptions {
  const ours: string[] = [];
  for (const { key, value } of raw) {
    if (ES_EXTRA_OPTIONS.has(key)) continue;
    const text = value === "" ? key : `${key}=${value}`;
    if (key !== "targets" && key !== "rpc_import") throw new MicroOptionError(`invalid option "${text}"`);
    ours.push(text);
  }
  return splitParameter(ours.join(",")).options;
}

// protoc-gen-es's own options that protoplugin hands to a plugin's parseOptions.
const ES_EXTRA_OPTIONS = new Set(["json_types", "valid_types", "erasable_syntax"]);
