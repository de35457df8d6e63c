// Turns uninterpreted options into real option messages the way protoc 3.21's
// OptionInterpreter does: each option becomes a wire-format record; records
// for fields protoc knows natively are emitted first in number order, the
// rest (custom options such as google.api.http) follow in source order. The
// bytes are then decoded with @bufbuild/protobuf, so reading them (including
// getExtension) behaves exactly as on protoc's output.

import { fromBinary } from "@bufbuild/protobuf";
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import type { FieldDescriptorProto, UninterpretedOption } from "@bufbuild/protobuf/wkt";
import type { BuildContext, FileState } from "./build-context.js";
import { FieldType } from "./descriptor-numbers.js";
import { concatBytes, convertOptionValue, cppTypeOf, encodeField, encodeGroup, encodeLengthDelimited, rawValueOf } from "./option-values.js";
import { PROTOC_KNOWN_OPTION_FIELDS, optionsTargets, type OptionsTarget } from "./option-targets.js";
import { UNINTERPRETED_OPTION_FIELD } from "./parse-options.js";
import { TextFormatError, TextFormatParser } from "./text-format.js";
import { TypeModels, isRepeated, type MessageModel } from "./type-models.js";

interface OptionRecord {
  number: number;
  bytes: Uint8Array;
}

class OptionFailure extends Error {}

/** Field numbers present in serialized fields, with the payloads of length-delimited ones. */
function* readFields(bytes: Uint8Array): Generator<{ number: number; payload?: Uint8Array }> {
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [number, wireType] = reader.tag();
    if (wireType === WireType.LengthDelimited) yield { number, payload: reader.bytes() };
    else {
      reader.skip(wireType, number);
      yield { number };
    }
  }
}

/**
 * protoc's ExamineIfOptionIsSet: follows the intermediate messages through
 * the options already written and reports whether the leaf is already there.
 */
function isOptionSet(records: readonly Uint8Array[], intermediates: readonly number[], leaf: number): boolean {
  let sets = records;
  for (const number of intermediates) {
    sets = sets.flatMap((set) => [...readFields(set)].filter((f) => f.number === number && f.payload).map((f) => f.payload!));
  }
  return sets.some((set) => [...readFields(set)].some((f) => f.number === leaf));
}

export class OptionInterpreter {
  /** Source path of each uninterpreted option -> path of the option it became. */
  readonly interpretedPaths = new Map<string, number[]>();
  private readonly repeatedCounts = new Map<string, number>();
  private readonly models: TypeModels;

  constructor(private readonly ctx: BuildContext, private readonly file: FileState) {
    this.models = new TypeModels(ctx);
  }

  interpretAll(): void {
    for (const target of optionsTargets(this.file.parsed.proto)) {
      const options = target.element.options;
      if (!options || options.uninterpretedOption.length === 0) continue;
      this.interpretTarget(target, options.uninterpretedOption);
    }
  }

  private interpretTarget(target: OptionsTarget, uninterpreted: UninterpretedOption[]): void {
    const optionsModel = this.models.message(target.schema.typeName)!;
    const records: OptionRecord[] = [];
    try {
      uninterpreted.forEach((option, i) => {
        records.push(this.interpretOne(target, optionsModel, option, [...target.path, UNINTERPRETED_OPTION_FIELD, i], records));
      });
    } catch (e) {
      if (e instanceof OptionFailure) return;
      throw e;
    }
    const known = new Set(PROTOC_KNOWN_OPTION_FIELDS[target.schema.typeName] ?? []);
    const ordered = [
      ...records.filter((r) => known.has(r.number)).sort((a, b) => a.number - b.number),
      ...records.filter((r) => !known.has(r.number)),
    ];
    target.element.options = fromBinary(target.schema, concatBytes(ordered.map((r) => r.bytes))) as unknown as typeof target.element.options;
  }

  private fail(option: UninterpretedOption, kind: "option_name" | "option_value", message: string): never {
    this.ctx.error(this.file, option, kind, message);
    throw new OptionFailure(message);
  }

  private resolveExtension(name: string, target: OptionsTarget, option: UninterpretedOption, debugName: string): [FieldDescriptorProto, string] {
    const result = this.ctx.symbols.lookup(name, target.nameScope, this.file.parsed.proto.name, this.file.visible, false);
    if (result.symbol?.kind === "field") return [result.symbol.field!, result.symbol.fullName];
    if (result.resolvedTo) {
      this.fail(option, "option_name",
        `Option "${debugName}" is resolved to "(${result.resolvedTo})", which is not defined. The innermost scope is searched first ` +
        `in name resolution. Consider using a leading '.'(i.e., "(.${debugName.slice(1)}") to start from the outermost scope.`);
    }
    return this.fail(option, "option_name", `Option "${debugName}" unknown. Ensure that your proto definition file imports the proto which defines the option.`);
  }

  private interpretOne(target: OptionsTarget, optionsModel: MessageModel, option: UninterpretedOption, srcPath: number[], previous: readonly OptionRecord[]): OptionRecord {
    let model = optionsModel;
    const destPath = [...target.path];
    const intermediates: FieldDescriptorProto[] = [];
    let debugName = "";
    let field: FieldDescriptorProto | undefined;
    // protoc names option fields by full name in value errors.
    let fieldFullName = "";
    for (const [i, part] of option.name.entries()) {
      if (i > 0) debugName += ".";
      if (part.isExtension) {
        debugName += `(${part.namePart})`;
        [field, fieldFullName] = this.resolveExtension(part.namePart, target, option, debugName);
        if (field.extendee !== "." + model.fullName) {
          this.fail(option, "option_name", `Option field "${debugName}" is not a field or extension of message "${model.proto.name}".`);
        }
      } else {
        debugName += part.namePart;
        field = model.proto.field.find((f) => f.name === part.namePart);
        if (!field) {
          this.fail(option, "option_name", `Option "${debugName}" unknown. Ensure that your proto definition file imports the proto which defines the option.`);
        }
        fieldFullName = `${model.fullName}.${field.name}`;
      }
      destPath.push(field.number);
      if (i < option.name.length - 1) {
        if (cppTypeOf(field.type) !== "message") this.fail(option, "option_name", `Option "${debugName}" is an atomic type, not a message.`);
        if (isRepeated(field)) {
          this.fail(option, "option_name",
            `Option field "${debugName}" is a repeated message. Repeated message options must be initialized using an aggregate value.`);
        }
        intermediates.push(field);
        model = this.models.message(field.typeName)!;
      }
    }
    const leaf = field!;
    const pathKey = destPath.join(",");
    if (!isRepeated(leaf) && isOptionSet(previous.map((r) => r.bytes), intermediates.map((f) => f.number), leaf.number)) {
      this.fail(option, "option_name", `Option "${debugName}" was already set.`);
    }

    let bytes = this.encodeLeaf(leaf, option, fieldFullName);
    for (const parent of [...intermediates].reverse()) {
      bytes = parent.type === FieldType.group ? encodeGroup(parent.number, bytes) : encodeLengthDelimited(parent.number, bytes);
    }
    if (isRepeated(leaf)) {
      const index = this.repeatedCounts.get(pathKey) ?? 0;
      this.repeatedCounts.set(pathKey, index + 1);
      destPath.push(index);
    }
    this.interpretedPaths.set(srcPath.join(","), destPath);
    return { number: destPath[target.path.length]!, bytes };
  }

  private encodeLeaf(field: FieldDescriptorProto, option: UninterpretedOption, displayName: string): Uint8Array {
    const raw = rawValueOf(option);
    if (cppTypeOf(field.type) !== "message") {
      const converted = convertOptionValue(field, displayName, raw, this.models);
      if ("error" in converted) this.fail(option, "option_value", converted.error);
      return encodeField(field.number, field.type, converted.value);
    }
    if (raw.kind !== "aggregate") {
      this.fail(option, "option_value",
        `Option "${displayName}" is a message. To set the entire message, use syntax like "${field.name} = { <proto text format> }". ` +
        `To set fields within it, use syntax like "${field.name}.foo = value".`);
    }
    const model = this.models.message(field.typeName)!;
    try {
      const parser = new TextFormatParser(raw.value, this.models, (name, message) => this.findAggregateExtension(name, message));
      const payload = parser.parseTopLevel(model);
      return field.type === FieldType.group ? encodeGroup(field.number, payload) : encodeLengthDelimited(field.number, payload);
    } catch (e) {
      if (!(e instanceof TextFormatError)) throw e;
      return this.fail(option, "option_value", `Error while parsing option value for "${field.name}": ${e.message}`);
    }
  }

  private findAggregateExtension(name: string, message: MessageModel): FieldDescriptorProto | undefined {
    const result = this.ctx.symbols.lookup(name, message.fullName, this.file.parsed.proto.name, this.file.visible, false);
    const field = result.symbol?.kind === "field" ? result.symbol.field : undefined;
    return field && field.extendee === "." + message.fullName ? field : undefined;
  }
}
