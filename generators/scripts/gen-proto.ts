// `npm run gen -- --dir proto --out gen`: generateFromDir() from the command line, no protoc needed.
// Errors print protoc-style ("file:line:column: message") and exit 1.
import { parseArgs } from "node:util";
import { MICRO_TARGETS, type MicroTarget } from "../emit/context.js";
import { generateFromDir } from "../generate.js";

const USAGE = `usage: gen-proto [--dir DIR] [--out DIR] [--targets ts+cli+routes] [-I PATH]... [--opt KEY=VALUE]...
  --dir      root of the .proto files to generate (default: proto)
  --out      output directory (default: gen)
  --targets  ${MICRO_TARGETS.join(", ")} joined with "+" (default: all)
  -I         more import roots
  --opt      plugin options, as for protoc --micro_opt
  --no-cache do not use the response cache`;

export async function genProto(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        dir: { type: "string", default: "proto" },
        out: { type: "string", default: "gen" },
        targets: { type: "string" },
        include: { type: "string", short: "I", multiple: true, default: [] },
        opt: { type: "string", multiple: true, default: [] },
        "no-cache": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  try {
    const result = await generateFromDir({
      dir: args.dir!,
      out: args.out!,
      targets: args.targets === undefined ? undefined : (args.targets.split("+") as MicroTarget[]),
      includePaths: args.include,
      options: args.opt!.join(","),
      cache: !args["no-cache"],
    });
    process.stdout.write(`wrote ${result.files.length} files to ${args.out}\n`);
    return 0;
  } catch (e) {
    // ProtoParseError messages are already "file:line:column: message" lines; no stack traces for users.
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

process.exitCode = await genProto(process.argv.slice(2));
