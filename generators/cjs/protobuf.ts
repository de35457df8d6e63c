// protobuf-es loaded through CommonJS.
// Why: protoc-gen-es ships CommonJS only. Loading protobuf-es (and protoplugin) the same way keeps one copy of
// each in memory (descriptors and messages made by one copy are then safe in the other), and avoids the ESM
// import of `typescript` (a dependency of protoplugin), which costs ~300 ms of start-up on every plugin run.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const protobuf: typeof import("@bufbuild/protobuf") = require("@bufbuild/protobuf");
export const wkt: typeof import("@bufbuild/protobuf/wkt") = require("@bufbuild/protobuf/wkt");
export const wire: typeof import("@bufbuild/protobuf/wire") = require("@bufbuild/protobuf/wire");
