// Reads the google.api annotations the emitters need (http rules, field_behavior) through protobuf-es's extension
// support, with the extension descriptors found in the request itself (no generated googleapis code needed).
import type { DescExtension, DescField, DescFile, DescMethod } from "@bufbuild/protobuf";
import { protobuf, wire } from "../cjs/protobuf.js";
import type { HttpBinding } from "./types.js";

const { BinaryReader, WireType } = wire;

const HTTP_EXTENSION = "google.api.http";
const FIELD_BEHAVIOR_EXTENSION = "google.api.field_behavior";
const FIELD_BEHAVIOR_REQUIRED = 2;

/** The shape protobuf-es gives a google.api.HttpRule message read through reflection. */
interface HttpRuleShape {
  pattern:
    | { case: "get" | "put" | "post" | "delete" | "patch"; value: string }
    | { case: "custom"; value: { kind: string; path: string } }
    | { case: undefined; value?: undefined };
  body: string;
  responseBody: string;
  additionalBindings: HttpRuleShape[];
}

export interface AnnotationReader {
  httpBindings(method: DescMethod): HttpBinding[];
  isRequired(field: DescField): boolean;
}

export function createAnnotationReader(allFiles: readonly DescFile[]): AnnotationReader {
  let http: DescExtension | undefined;
  let fieldBehavior: DescExtension | undefined;
  for (const file of allFiles) {
    for (const ext of file.extensions) {
      if (ext.typeName === HTTP_EXTENSION) http = ext;
      else if (ext.typeName === FIELD_BEHAVIOR_EXTENSION) fieldBehavior = ext;
    }
  }
  return {
    httpBindings(method) {
      const options = method.proto.options;
      if (!http || !options || !protobuf.hasExtension(options, http)) return [];
      const rule = protobuf.getExtension(options, http) as unknown as HttpRuleShape;
      const out: HttpBinding[] = [];
      pushBinding(out, rule, false);
      for (const extra of rule.additionalBindings) pushBinding(out, extra, true);
      return out;
    },
    isRequired(field) {
      const unknown = field.proto.options?.$unknown;
      if (!fieldBehavior || unknown === undefined) return false;
      return unknown.some((u) => u.no === fieldBehavior!.number && enumValues(u).includes(FIELD_BEHAVIOR_REQUIRED));
    },
  };
}

/**
 * Values of a repeated enum extension straight from its unknown field (plain or packed); this runs for every field
 * of the request, where getExtension() would build a whole FieldOptions message each time.
 */
function enumValues(field: { wireType: number; data: Uint8Array }): number[] {
  const reader = new BinaryReader(field.data);
  if (field.wireType === WireType.Varint) return [reader.int32()];
  if (field.wireType !== WireType.LengthDelimited) return [];
  const end = reader.uint32() + reader.pos;
  const out: number[] = [];
  while (reader.pos < end) out.push(reader.int32());
  return out;
}

function pushBinding(out: HttpBinding[], rule: HttpRuleShape, additional: boolean): void {
  const p = rule.pattern;
  if (p.case === undefined) return;
  const [method, path] = p.case === "custom" ? [p.value.kind, p.value.path] : [p.case.toUpperCase(), p.value];
  out.push({ method, path, body: rule.body, responseBody: rule.responseBody, additional });
}
