// Field numbers of descriptor.proto used as source_code_info path components,
// and the scalar type keywords. Named so the parser reads like protoc's.

export const FileField = { name: 1, package: 2, dependency: 3, messageType: 4, enumType: 5, service: 6, extension: 7, options: 8, publicDependency: 10, weakDependency: 11, syntax: 12 } as const;
export const MessageField = { name: 1, field: 2, nestedType: 3, enumType: 4, extensionRange: 5, extension: 6, options: 7, oneofDecl: 8, reservedRange: 9, reservedName: 10 } as const;
export const FieldField = { name: 1, extendee: 2, number: 3, label: 4, type: 5, typeName: 6, defaultValue: 7, options: 8, oneofIndex: 9, jsonName: 10 } as const;
export const RangeField = { start: 1, end: 2, options: 3 } as const;
export const OneofField = { name: 1, options: 2 } as const;
export const EnumField = { name: 1, value: 2, options: 3, reservedRange: 4, reservedName: 5 } as const;
export const EnumValueField = { name: 1, number: 2, options: 3 } as const;
export const ServiceField = { name: 1, method: 2, options: 3 } as const;
export const MethodField = { name: 1, inputType: 2, outputType: 3, options: 4, clientStreaming: 5, serverStreaming: 6 } as const;

export const Label = { optional: 1, required: 2, repeated: 3 } as const;

export const FieldType = {
  double: 1, float: 2, int64: 3, uint64: 4, int32: 5, fixed64: 6, fixed32: 7, bool: 8, string: 9,
  group: 10, message: 11, bytes: 12, uint32: 13, enum: 14, sfixed32: 15, sfixed64: 16, sint32: 17, sint64: 18,
} as const;

/** Scalar type keywords accepted in field declarations (protoc's type name table). */
export const SCALAR_TYPE_KEYWORDS: ReadonlyMap<string, number> = new Map(
  Object.entries(FieldType).filter(([k]) => k !== "message" && k !== "enum"),
);

/** Field numbers run up to 2^29-1; `max` in ranges means this + 1 (exclusive end). */
export const MAX_FIELD_NUMBER = 536870911;
/** Marker for "to max" until the message is fully parsed (protoc's kMaxRangeSentinel). */
export const MAX_RANGE_SENTINEL = -1;

/** True when the message has an own (explicitly set) value for `key` (proto2 presence). */
export function has(msg: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(msg, key);
}
