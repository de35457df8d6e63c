// Enumerates every element of a file that can carry options, with what the
// option interpreter needs: the options message type, its source path (for
// rewriting source_code_info) and the scope used to look up `(extension)`
// names (protoc's AllocateOptions: the element's full name; for the file,
// "<package>.dummy"; for extension ranges, the message's full name).

import type { DescMessage } from "@bufbuild/protobuf";
import {
  EnumOptionsSchema, EnumValueOptionsSchema, ExtensionRangeOptionsSchema, FieldOptionsSchema, FileOptionsSchema,
  MessageOptionsSchema, MethodOptionsSchema, OneofOptionsSchema, ServiceOptionsSchema,
  type DescriptorProto, type EnumDescriptorProto, type FileDescriptorProto, type UninterpretedOption,
} from "@bufbuild/protobuf/wkt";
import { qualify } from "./build-context.js";
import { EnumField, EnumValueField, FieldField, FileField, MessageField, MethodField, OneofField, RangeField, ServiceField } from "./descriptor-numbers.js";

export interface OptionsTarget {
  /** The element whose `options` field is rewritten. */
  element: { options?: { uninterpretedOption: UninterpretedOption[] } };
  schema: DescMessage;
  /** Source path of the element's options field, e.g. [4, 0, 2, 1, 8]. */
  path: number[];
  nameScope: string;
}

function* enumTargets(e: EnumDescriptorProto, path: number[], scope: string): Generator<OptionsTarget> {
  yield { element: e, schema: EnumOptionsSchema, path: [...path, EnumField.options], nameScope: qualify(scope, e.name) };
  for (const [i, v] of e.value.entries()) {
    yield { element: v, schema: EnumValueOptionsSchema, path: [...path, EnumField.value, i, EnumValueField.options], nameScope: qualify(scope, v.name) };
  }
}

function* messageTargets(m: DescriptorProto, path: number[], scope: string): Generator<OptionsTarget> {
  const fullName = qualify(scope, m.name);
  yield { element: m, schema: MessageOptionsSchema, path: [...path, MessageField.options], nameScope: fullName };
  for (const [i, f] of m.field.entries()) {
    yield { element: f, schema: FieldOptionsSchema, path: [...path, MessageField.field, i, FieldField.options], nameScope: qualify(fullName, f.name) };
  }
  for (const [i, o] of m.oneofDecl.entries()) {
    yield { element: o, schema: OneofOptionsSchema, path: [...path, MessageField.oneofDecl, i, OneofField.options], nameScope: qualify(fullName, o.name) };
  }
  for (const [i, nested] of m.nestedType.entries()) yield* messageTargets(nested, [...path, MessageField.nestedType, i], fullName);
  for (const [i, e] of m.enumType.entries()) yield* enumTargets(e, [...path, MessageField.enumType, i], fullName);
  for (const [i, r] of m.extensionRange.entries()) {
    yield { element: r, schema: ExtensionRangeOptionsSchema, path: [...path, MessageField.extensionRange, i, RangeField.options], nameScope: fullName };
  }
  for (const [i, f] of m.extension.entries()) {
    yield { element: f, schema: FieldOptionsSchema, path: [...path, MessageField.extension, i, FieldField.options], nameScope: qualify(fullName, f.name) };
  }
}

export function* optionsTargets(file: FileDescriptorProto): Generator<OptionsTarget> {
  yield { element: file, schema: FileOptionsSchema, path: [FileField.options], nameScope: qualify(file.package, "dummy") };
  for (const [i, m] of file.messageType.entries()) yield* messageTargets(m, [FileField.messageType, i], file.package);
  for (const [i, e] of file.enumType.entries()) yield* enumTargets(e, [FileField.enumType, i], file.package);
  for (const [i, s] of file.service.entries()) {
    const serviceName = qualify(file.package, s.name);
    yield { element: s, schema: ServiceOptionsSchema, path: [FileField.service, i, ServiceField.options], nameScope: serviceName };
    for (const [j, m] of s.method.entries()) {
      yield { element: m, schema: MethodOptionsSchema, path: [FileField.service, i, ServiceField.method, j, MethodField.options], nameScope: qualify(serviceName, m.name) };
    }
  }
  for (const [i, f] of file.extension.entries()) {
    yield { element: f, schema: FieldOptionsSchema, path: [FileField.extension, i, FieldField.options], nameScope: qualify(file.package, f.name) };
  }
}

/**
 * Option fields known to protoc 3.21's compiled-in descriptor.proto. protoc
 * serializes these first (in field-number order); every other option
 * (custom extensions, newer fields) stays an unknown field, in source order.
 */
export const PROTOC_KNOWN_OPTION_FIELDS: Readonly<Record<string, readonly number[]>> = {
  "google.protobuf.FileOptions": [1, 8, 9, 10, 11, 16, 17, 18, 20, 23, 27, 31, 36, 37, 39, 40, 41, 42, 44, 45],
  "google.protobuf.MessageOptions": [1, 2, 3, 7],
  "google.protobuf.FieldOptions": [1, 2, 3, 5, 6, 10, 15],
  "google.protobuf.OneofOptions": [],
  "google.protobuf.EnumOptions": [2, 3],
  "google.protobuf.EnumValueOptions": [1],
  "google.protobuf.ServiceOptions": [33],
  "google.protobuf.MethodOptions": [33, 34],
  "google.protobuf.ExtensionRangeOptions": [],
};
