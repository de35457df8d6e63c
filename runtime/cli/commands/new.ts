import { Command, Option } from "clipanion";
import { MicroCommand } from "./base.js";
import { CliError } from "../errors.js";

export class NewCommand extends MicroCommand {
  static override paths = [["new"]];
  static override usage = Command.Usage({
    category: "Services",
    description: "Create a new service from a template, with its generated code in place",
    details: "Writes ./NAME: a proto with Call, a server stream and a bidi stream, its handler, a main file and the code generated from the proto. `micro run ./NAME` builds and starts it. --lang go needs go and protoc (protoc-gen-go and protoc-gen-go-grpc are installed into ~/.cache/micro-ts/tools when missing); --lang python needs python3 (grpcio-tools is installed there when missing).",
    examples: [["A TypeScript service", "$0 new helloworld"], ["In Go", "$0 new --lang go greeter"], ["In Python", "$0 new --lang python greeter"]],
  });

  name = Option.String({ name: "name" });
  lang = Option.String("--lang", "ts", { description: "Language of the service: ts (default), go or python" });

  async execute(): Promise<number> {
    const { existsSync } = await import("node:fs");
    const { resolve, relative } = await import("node:path");
    const { LANGUAGES, invalidName, renderScaffold, scaffoldValues } = await import("../scaffold/index.js");
    const problem = invalidName(this.name);
    if (problem) throw new CliError(problem);
    const lang = LANGUAGES.find((l) => l === this.lang);
    if (!lang) throw new CliError(`--lang must be one of ${LANGUAGES.join(", ")} (got "${this.lang}")`);
    const target = resolve(this.name);
    if (existsSync(target)) throw new CliError(`${relative(process.cwd(), target) || target} already exists: choose another name or remove it`);
    const values = scaffoldValues(this.name, lang);
    // Go and Python generators are checked (and installed when missing) before anything is written.
    const generate = lang === "ts" ? generateTs : await (await import("../scaffold/native.js")).nativeGenerator(lang, values);
    let files: string[];
    try {
      files = await renderScaffold(lang, target, values);
      files.push(...(await generate(target)));
    } catch (err) {
      await (await import("node:fs/promises")).rm(target, { recursive: true, force: true });
      throw err;
    }
    this.note(`Creating service ${this.name}\n\n${files.sort().map((f) => `  ${this.name}/${f}`).join("\n")}\n`);
    this.print(nextSteps(this.name, lang, lang === "ts" ? (await import("../scaffold/index.js")).frameworkTarball() : undefined));
    return 0;
  }
}

/** The scaffold ships with its generated code, so it builds and runs before anyone runs `micro generate`. */
async function generateTs(dir: string): Promise<string[]> {
  const { generateService } = await import("../generate/index.js");
  return (await generateService(dir)).written;
}

/** What to type next, from where the user stands (the directory `micro new` ran in). The server builds what
 * `micro run` uploads (npm install and the build script, go build, pip install), so nothing is built here first. */
export function nextSteps(name: string, lang: string, framework?: string): string {
  const build = lang === "ts" ? "npm install, then its build" : lang === "go" ? "go build" : "pip install -r requirements.txt";
  const steps = [
    [`micro run ./${name}`, `upload it: the server builds it (${build}) and starts it`],
    ["micro status", "wait for running"],
    [`micro logs ${name}`, ""],
    [`micro ${name} --name=Alice`, "call it"],
  ];
  const width = Math.max(...steps.map(([c]) => c!.length));
  const lines = steps.map(([c, why]) => `  ${why ? `${c!.padEnd(width)}   # ${why}` : c}`);
  // micro-ts is not on the registry (the server provides it): --no-save installs this toolchain's copy and leaves
  // package.json's "^version", so a later plain npm install finds it already there
  const editing = framework ? `\nTo edit it with types (micro run does not need it): cd ${name} && npm install --no-save ${framework}` : "";
  return `Service ${name} created. Next, from this directory:\n\n${lines.join("\n")}\n${editing}`;
}
