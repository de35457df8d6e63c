// Finding the .proto files of a directory tree, named as protoc names them (relative, "/"-separated).
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Every .proto file below `dir` as a proto path ("a/b.proto"), sorted; dot-directories and node_modules skipped. */
export function listProtoFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".proto")) out.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}
