// The generate step of `micro new --lang go|python`: each language's standard generators write the message
// and stub code next to the proto, so the scaffold builds and runs as it is (the server builds it with plain
// `go build` or `pip install -r requirements.txt`). The tools are checked, and installed when they can be,
// before anything is written.
import { CliError } from "../errors.js";
import { listFiles, type ScaffoldValues } from "./index.js";
import { run } from "../../../generators/index.js";
import { goPlugins, grpcTools, requireCommand } from "./tools.js";

/** Writes the generated code into a rendered scaffold; returns the files added, relative to it. */
export type Generate = (dir: string) => Promise<string[]>;

/** Makes sure the generators of `lang` are at hand, then returns the step that runs them. */
export async function nativeGenerator(lang: "go" | "python", values: ScaffoldValues): Promise<Generate> {
  return lang === "go" ? goGenerator(values) : pythonGenerator(values);
}

async function goGenerator(values: ScaffoldValues): Promise<Generate> {
  await requireCommand("go", "go", ["version"]);
  await requireCommand("go", "protoc", ["--version"]);
  const plugins = await goPlugins();
  return (dir) => added(dir, async () => {
    const proto = `proto/${values.name}.proto`;
    await step("protoc", [
      "-I.",
      `--plugin=protoc-gen-go=${plugins["protoc-gen-go"]}`, "--go_out=.", "--go_opt=paths=source_relative",
      `--plugin=protoc-gen-go-grpc=${plugins["protoc-gen-go-grpc"]}`, "--go-grpc_out=.", "--go-grpc_opt=paths=source_relative",
      proto,
    ], dir);
    // go.sum, so that the server's plain `go build` finds every checksum (modules come from the shared cache).
    await step("go", ["mod", "tidy"], dir);
  });
}

async function pythonGenerator(values: ScaffoldValues): Promise<Generate> {
  await requireCommand("python", "python3", ["--version"]);
  const env = await grpcTools(values.versions.grpcioTools);
  return (dir) => added(dir, async () => {
    // -I. keeps the proto/ prefix: the stubs import each other as `from proto import ...`.
    await step("python3", ["-m", "grpc_tools.protoc", "-I.", "--python_out=.", "--pyi_out=.", "--grpc_python_out=.", `proto/${values.module}.proto`], dir, env);
  });
}

async function step(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(command, args, { cwd, env });
  } catch (err) {
    throw new CliError(`generating the code of the new service failed: ${(err as Error).message}`);
  }
}

async function added(dir: string, generate: () => Promise<void>): Promise<string[]> {
  const rel = (f: string) => f.slice(dir.length + 1);
  const before = new Set((await listFiles(dir)).map(rel));
  await generate();
  return (await listFiles(dir)).map(rel).filter((f) => !before.has(f));
}
