// Maps import names to files on disk through the include paths, like
// protoc's DiskSourceTree: the first include path containing the file wins.

import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export interface SourceFile {
  /** Path on disk. */
  diskPath: string;
  /** File contents as a latin1 string (one char per byte), as the tokenizer expects. */
  content: string;
}

/** Rejects names protoc would not accept as virtual paths. */
export function invalidVirtualPath(name: string): string | undefined {
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) return "Import path must be relative.";
  if (name.includes("\\") || name.split("/").some((part) => part === "" || part === "." || part === "..")) {
    return 'Backslashes, consecutive slashes, ".", or ".." are not allowed in the virtual path';
  }
  return undefined;
}

export function findSourceFile(includePaths: readonly string[], name: string): SourceFile | undefined {
  if (invalidVirtualPath(name)) return undefined;
  for (const dir of includePaths) {
    const diskPath = join(dir, name);
    if (existsSync(diskPath) && statSync(diskPath).isFile()) {
      return { diskPath, content: readFileSync(diskPath).toString("latin1") };
    }
  }
  return undefined;
}
