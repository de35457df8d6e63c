import { Command, Option } from "clipanion";
import type { MicroTarget } from "../../../generators/index.js";
import { MicroCommand } from "./base.js";

export class GenerateCommand extends MicroCommand {
  static override paths = [["generate"]];
  static override usage = Command.Usage({
    category: "Services",
    description: "Generate a service's code from its protos (no protoc needed) and add handler stubs for new rpcs",
    details: `
      Reads the .proto files under DIR/proto (a service made by \`micro new\`), or under DIR when it has no proto/,
      and writes the generated code to DIR/gen; only files whose bytes changed are written. Then every class in
      DIR/handler/*.ts that implements a service's handler interface gets a stub for each rpc it lacks. Methods whose
      rpc was removed are reported and kept.
    `,
    examples: [
      ["Regenerate the service in this directory", "$0 generate"],
      ["Clients for the service in Go and Python (./sdk/go, ./sdk/python)", "$0 generate --lang go,python"],
      ["Generate TypeScript and the CLI manifest elsewhere", "$0 generate ./greeter --targets ts,cli --out ./greeter/gen"],
    ],
  });

  dir = Option.String({ name: "dir", required: false });
  out = Option.String("--out", { description: "Generated code directory (default: DIR/gen)" });
  targets = Option.String("--targets", "ts", { description: "What to generate: ts, cli, routes, comma separated (default: ts)" });
  lang = Option.String("--lang", "ts", { description: "Languages: ts (the service's own code, default) and clients in go, python, rust, java, comma separated (into DIR/sdk/<lang>, or --out/<lang>)" });
  rpcImport = Option.String("--rpc-import", { description: "Module the generated code imports the RPC runtime from (default: micro-ts/rpc)" });

  async execute(): Promise<number> {
    const langs = this.lang.split(",").map((l) => l.trim()).filter((l) => l !== "");
    const others = langs.filter((l) => l !== "ts");
    if (others.length > 0) {
      const { generateOtherLanguages } = await import("../generate/sdk.js");
      await generateOtherLanguages(this.dir ?? ".", others, this.out, (line) => this.print(line));
      if (!langs.includes("ts")) return 0;
    }
    const { generate } = await import("../generate/index.js");
    const targets = this.targets.split(/[,+]/).map((t) => t.trim()).filter((t) => t !== "");
    await generate(this.dir ?? ".", {
      out: this.out,
      // generate() rejects unknown names with the list of valid ones.
      targets: targets as MicroTarget[],
      rpcImport: this.rpcImport,
      log: (line) => this.print(line),
      warn: (line) => this.note(line),
    });
    return 0;
  }
}
