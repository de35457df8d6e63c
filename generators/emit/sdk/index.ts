// generateSdk(): client SDKs in other languages from the same model. The rendered part (a client per service,
// options from the MICRO_* environment, Micro's error type, package metadata) comes from templates/<lang>/;
// the message and stub code from the language's standard generator (protoc plugins, grpcio-tools...).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadProtos, type SdkInput } from "./input.js";
import type { SdkLanguage, SdkOptions } from "./language.js";
import { go } from "./languages/go.js";
import { java } from "./languages/java.js";
import { python } from "./languages/python.js";
import { rust } from "./languages/rust.js";
import { ts } from "./languages/ts.js";
import { renderTemplates, type RenderedFile } from "./render.js";
import { buildView } from "./view.js";

export const SDK_LANGUAGES: Readonly<Record<string, SdkLanguage>> = { go, python, ts, rust, java };
export type { SdkInput, SdkLanguage, SdkOptions, RenderedFile };
export { loadProtos };

export interface SdkSpec {
  /** Import roots after the proto directory. */
  readonly includePaths?: readonly string[];
  /** Proto packages to cover (all with services when absent). */
  readonly packages?: readonly string[];
  /** Language options (go: module; python: package, distribution; ...). */
  readonly options?: SdkOptions;
}

export interface SdkResult {
  /** Files rendered from templates, relative to outDir. */
  readonly rendered: string[];
  /** Files the language's own generator wrote, relative to outDir. */
  readonly generated: string[];
}

function language(lang: string): SdkLanguage {
  const l = SDK_LANGUAGES[lang];
  if (!l) throw new Error(`unknown SDK language "${lang}" (known: ${Object.keys(SDK_LANGUAGES).join(", ")})`);
  return l;
}

function prepare(input: string | SdkInput, lang: string, spec: SdkSpec) {
  const loaded = typeof input === "string" ? loadProtos(input, spec.includePaths) : input;
  const l = language(lang);
  const view = buildView(loaded.model, spec.packages);
  l.decorate(view, loaded, spec.options ?? {});
  return { loaded, l, view };
}

/** Only the template-rendered files, in memory: cheap, needs no toolchain (the staleness test compares these). */
export function renderSdk(input: string | SdkInput, lang: string, spec: SdkSpec = {}): RenderedFile[] {
  const { l, view } = prepare(input, lang, spec);
  return renderTemplates(l.name, view);
}

/**
 * Writes the SDK for `lang` into `outDir`: the language generator's output, then the rendered files.
 * `input` is a proto directory (every .proto below it) or an already loaded SdkInput.
 */
export function generateSdk(input: string | SdkInput, lang: string, outDir: string, spec: SdkSpec = {}): SdkResult {
  const { loaded, l, view } = prepare(input, lang, spec);
  const rendered = renderTemplates(l.name, view);
  // The language's generator first: it may clear the folders it owns, which can hold rendered files too.
  mkdirSync(outDir, { recursive: true });
  const generated = l.generateMessages(view, loaded, outDir, spec.options ?? {});
  for (const file of rendered) {
    const path = join(outDir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  return { rendered: rendered.map((f) => f.path), generated };
}
