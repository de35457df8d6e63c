// `micro generate --lang go,python,...`: clients for a service's own protos in other languages, from the same
// emitters as sdk/ (templates/<lang>/ plus each language's standard generator). Output: DIR/sdk/<lang>.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError } from "../errors.js";

export async function generateOtherLanguages(dir: string, langs: string[], out: string | undefined, log: (line: string) => void): Promise<void> {
  const { generateSdk, SDK_LANGUAGES, sdkToolDir } = await import("../../../generators/index.js");
  for (const lang of langs) {
    if (!SDK_LANGUAGES[lang]) throw new CliError(`--lang: unknown language "${lang}" (known: ${[...new Set(["ts", ...Object.keys(SDK_LANGUAGES)])].join(", ")})`);
  }
  const root = resolve(dir);
  const protoDir = existsSync(join(root, "proto")) ? join(root, "proto") : root;
  for (const lang of langs) {
    const target = join(out ? resolve(out) : join(root, "sdk"), lang);
    const started = Date.now();
    let binDir: string | undefined;
    try {
      binDir = await sdkToolDir(lang);
    } catch (err) {
      throw new CliError(`--lang ${lang}: ${(err as Error).message}`);
    }
    const result = generateSdk(protoDir, lang, target, { options: { binDir } });
    log(`${lang} → ${target}: ${result.rendered.length + result.generated.length} files (${Date.now() - started} ms)`);
  }
}
