// Final source_code_info: the parser's locations with interpreted options
// re-pathed the way protoc's OptionInterpreter::UpdateSourceCodeInfo does
// (the uninterpreted_option location takes the real option's path and its
// sub-locations are dropped), converted to the @bufbuild/protobuf message.

import { create } from "@bufbuild/protobuf";
import { SourceCodeInfoSchema, SourceCodeInfo_LocationSchema, type SourceCodeInfo } from "@bufbuild/protobuf/wkt";
import { bytesToUtf8 } from "./literals.js";
import type { RawLocation } from "./locations.js";

function startsWith(path: readonly number[], prefix: readonly number[]): boolean {
  return path.length >= prefix.length && prefix.every((p, i) => path[i] === p);
}

export function applyInterpretedPaths(locations: readonly RawLocation[], interpreted: ReadonlyMap<string, number[]>): RawLocation[] {
  if (interpreted.size === 0) return [...locations];
  const out: RawLocation[] = [];
  let removingUnder: number[] | undefined;
  for (const loc of locations) {
    if (removingUnder) {
      if (startsWith(loc.path, removingUnder)) continue;
      removingUnder = undefined;
    }
    const replacement = interpreted.get(loc.path.join(","));
    if (!replacement) {
      out.push(loc);
      continue;
    }
    removingUnder = loc.path;
    out.push({ ...loc, path: [...replacement] });
  }
  return out;
}

export function toSourceCodeInfo(locations: readonly RawLocation[]): SourceCodeInfo {
  return create(SourceCodeInfoSchema, {
    location: locations.map((loc) => {
      const l = create(SourceCodeInfo_LocationSchema, {
        path: loc.path,
        span: loc.span,
        leadingDetachedComments: loc.detached.map(bytesToUtf8),
      });
      if (loc.leading !== undefined) l.leadingComments = bytesToUtf8(loc.leading);
      if (loc.trailing !== undefined) l.trailingComments = bytesToUtf8(loc.trailing);
      return l;
    }),
  });
}
