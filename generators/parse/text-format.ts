// Aggregate option values (`option (x) = { a: 1 b { c: "d" } }`) are protobuf
// text format. protoc parses them into a DynamicMessage and serializes it;
// this does the same directly to bytes: fields in field-number order,
// repeated scalars packed where the field is packed, proto3 zero values of
// implicit-presence fields omitted.

import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import type { FieldDescriptorProto } from "@bufbuild/protobuf/wkt";
import { FieldType, has } from "./descriptor-numbers.js";
import { utf8ToBytes, parseFloatToken, parseIntegerToken, unescapeStringToken } from "./literals.js";
import { cppTypeOf, writeScalar, wireTypeOf } from "./option-values.js";
import { Tokenizer } from "./tokenizer.js";
import { isMessageLike, isPacked, isRepeated, type MessageModel, type TypeModels } from "./type-models.js";

type Scalar = bigint | number | boolean | Uint8Array;
interface FieldValues {
  field: FieldDescriptorProto;
  values: (Scalar | { message: Uint8Array })[];
}

/** Resolves `[ext.name]` inside an aggregate, relative to the message being parsed. */
export type ExtensionFinder = (name: string, message: MessageModel) => FieldDescriptorProto | undefined;

export class TextFormatError extends Error {}

export class TextFormatParser {
  private readonly input: Tokenizer;

  constructor(text: string, private readonly models: TypeModels, private readonly findExtension: ExtensionFinder) {
    this.input = new Tokenizer(utf8ToBytes(text), (_l, _c, message) => {
      throw new TextFormatError(message);
    });
    this.input.next();
  }

  private get current() {
    return this.input.current;
  }
  private error(message: string): never {
    throw new TextFormatError(message);
  }
  private tryConsume(text: string): boolean {
    if (this.current.text !== text) return false;
    this.input.next();
    return true;
  }
  private consume(text: string): void {
    if (!this.tryConsume(text)) this.error(`Expected "${text}", found "${this.current.text}".`);
  }

  /** Parses the whole aggregate as a message of type `model`; returns its serialization. */
  parseTopLevel(model: MessageModel): Uint8Array {
    const bytes = this.parseFields(model, null);
    if (this.current.type !== "end") this.error(`Expected identifier, got: ${this.current.text}`);
    return bytes;
  }

  private parseFields(model: MessageModel, close: string | null): Uint8Array {
    const fields = new Map<number, FieldValues>();
    const oneofSet = new Map<number, string>();
    for (;;) {
      if (close === null ? this.current.type === "end" : this.tryConsume(close)) break;
      if (this.current.type === "end") this.error(`Expected "${close}".`);
      this.parseField(model, fields, oneofSet);
    }
    return this.serialize(model, fields);
  }

  private parseField(model: MessageModel, fields: Map<number, FieldValues>, oneofSet: Map<number, string>): void {
    let field: FieldDescriptorProto | undefined;
    let name: string;
    if (this.tryConsume("[")) {
      name = this.current.text;
      this.input.next();
      while (this.tryConsume(".")) {
        name += "." + this.current.text;
        this.input.next();
      }
      this.consume("]");
      field = this.findExtension(name, model);
      if (!field) this.error(`Extension "${name}" is not defined or is not an extension of "${model.fullName}".`);
    } else {
      if (this.current.type !== "identifier") this.error(`Expected identifier, got: ${this.current.text}`);
      name = this.current.text;
      this.input.next();
      field = model.proto.field.find((f) => f.name === name);
      // Groups are written with their type name.
      if (!field) field = model.proto.field.find((f) => f.type === FieldType.group && f.name === name.toLowerCase());
      if (field && field.type === FieldType.group && field.typeName.split(".").pop() !== name) field = undefined;
      if (!field) this.error(`Message type "${model.fullName}" has no field named "${name}".`);
    }
    const entry = fields.get(field.number) ?? { field, values: [] };
    fields.set(field.number, entry);
    if (!isRepeated(field) && entry.values.length > 0) this.error(`Non-repeated field "${name}" is specified multiple times.`);
    if (has(field, "oneofIndex") && !field.proto3Optional) {
      const other = oneofSet.get(field.oneofIndex);
      if (other !== undefined && other !== field.name) {
        this.error(`Field "${field.name}" is specified along with field "${other}", another member of oneof "${model.proto.oneofDecl[field.oneofIndex]?.name}".`);
      }
      oneofSet.set(field.oneofIndex, field.name);
    }
    const message = isMessageLike(field);
    if (message) this.tryConsume(":");
    else this.consume(":");
    if (isRepeated(field) && this.tryConsume("[")) {
      if (!this.tryConsume("]")) {
        for (;;) {
          entry.values.push(message ? this.parseMessageValue(field) : this.parseScalar(field));
          if (this.tryConsume("]")) break;
          this.consume(",");
        }
      }
    } else {
      entry.values.push(message ? this.parseMessageValue(field) : this.parseScalar(field));
    }
    if (!this.tryConsume(";")) this.tryConsume(",");
  }

  private parseMessageValue(field: FieldDescriptorProto): { message: Uint8Array } {
    const model = this.models.message(field.typeName);
    if (!model) this.error(`Unknown message type "${field.typeName}".`);
    let close: string;
    if (this.tryConsume("<")) close = ">";
    else {
      this.consume("{");
      close = "}";
    }
    return { message: this.parseFields(model, close) };
  }

  private parseInteger(signed: boolean, max: bigint): bigint {
    const negative = signed && this.tryConsume("-");
    if (this.current.type !== "integer") this.error(`Expected integer, got: ${this.current.text}`);
    const value = parseIntegerToken(this.current.text, negative ? max + 1n : max);
    if (value === undefined) this.error(`Integer out of range (${this.current.text})`);
    this.input.next();
    return negative ? -value : value;
  }

  private parseScalar(field: FieldDescriptorProto): Scalar {
    const cpp = cppTypeOf(field.type);
    switch (cpp) {
      case "int32": return Number(this.parseInteger(true, 2147483647n));
      case "int64": return this.parseInteger(true, 9223372036854775807n);
      case "uint32": return Number(this.parseInteger(false, 4294967295n));
      case "uint64": return this.parseInteger(false, 18446744073709551615n);
      case "float": case "double": {
        const negative = this.tryConsume("-");
        const t = this.current;
        let v: number;
        if (t.type === "float") v = parseFloatToken(t.text);
        else if (t.type === "integer") v = Number(parseIntegerToken(t.text, 18446744073709551615n) ?? 0n);
        else if (t.type === "identifier" && /^(inf|infinity)$/i.test(t.text)) v = Infinity;
        else if (t.type === "identifier" && /^nan$/i.test(t.text)) v = NaN;
        else this.error(`Expected double, got: ${t.text}`);
        this.input.next();
        v = negative ? -v : v;
        return cpp === "float" ? Math.fround(v) : v;
      }
      case "bool": {
        const t = this.current.text;
        this.input.next();
        if (t === "true" || t === "True" || t === "t" || t === "1") return true;
        if (t === "false" || t === "False" || t === "f" || t === "0") return false;
        return this.error(`Invalid value for boolean field "${field.name}". Value: "${t}".`);
      }
      case "string": {
        if (this.current.type !== "string") this.error(`Expected string, got: ${this.current.text}`);
        let bytes = "";
        while (this.current.type === "string") {
          bytes += unescapeStringToken(this.current.text);
          this.input.next();
        }
        return Uint8Array.from(Buffer.from(bytes, "latin1"));
      }
      case "enum": {
        const enumModel = this.models.enumType(field.typeName);
        if (this.current.type === "identifier") {
          const name = this.current.text;
          this.input.next();
          const value = enumModel?.proto.value.find((v) => v.name === name);
          if (!value) this.error(`Unknown enumeration value of "${name}" for field "${field.name}".`);
          return value.number;
        }
        return Number(this.parseInteger(true, 2147483647n));
      }
      default:
        return this.error(`Unexpected field type for "${field.name}".`);
    }
  }

  /** DynamicMessage serialization order and presence rules. */
  private serialize(model: MessageModel, fields: Map<number, FieldValues>): Uint8Array {
    const w = new BinaryWriter();
    for (const number of [...fields.keys()].sort((a, b) => a - b)) {
      const { field, values } = fields.get(number)!;
      if (values.length === 0) continue;
      const implicitPresence = model.proto3 && !isRepeated(field) && !isMessageLike(field) && !has(field, "oneofIndex");
      if (implicitPresence && isZero(values[0] as Scalar)) continue;
      if (isRepeated(field) && isPacked(field, model.proto3)) {
        w.tag(number, WireType.LengthDelimited).fork();
        for (const v of values) writeScalar(w, field.type, v as Scalar);
        w.join();
        continue;
      }
      for (const v of values) {
        if (typeof v === "object" && "message" in v) {
          if (field.type === FieldType.group) w.tag(number, WireType.StartGroup).raw(v.message).tag(number, WireType.EndGroup);
          else w.tag(number, WireType.LengthDelimited).bytes(v.message);
        } else {
          w.tag(number, wireTypeOf(field.type));
          writeScalar(w, field.type, v);
        }
      }
    }
    return w.finish();
  }
}

function isZero(v: Scalar): boolean {
  if (v instanceof Uint8Array) return v.length === 0;
  if (typeof v === "number") return v === 0 && !Object.is(v, -0);
  return v === 0n || v === false;
}
