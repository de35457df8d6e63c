// The normalised view of a CodeGeneratorRequest that every emitter reads. Built once per plugin run by
// buildModel(); each node keeps `desc`, the protobuf-es descriptor, for emitters that print TypeScript with
// protoplugin's import helpers.
import type {
  DescEnum, DescEnumValue, DescField, DescFile, DescMessage, DescMethod, DescService,
} from "@bufbuild/protobuf";

/** Comments from source_code_info, with the one leading space protoc keeps on each line removed. */
export interface Comments {
  readonly leading: string;
  readonly trailing: string;
  readonly detached: readonly string[];
}

export type ScalarName =
  | "double" | "float" | "int64" | "uint64" | "int32" | "fixed64" | "fixed32" | "bool" | "string" | "bytes"
  | "uint32" | "sfixed32" | "sfixed64" | "sint32" | "sint64";

export type StreamingKind = "unary" | "server_streaming" | "client_streaming" | "bidi_streaming";

export interface Model {
  /** Files to generate, in request order. */
  readonly files: readonly FileModel[];
  /** Packages of the files to generate, in first-seen order. */
  readonly packages: readonly PackageModel[];
  /** Services of the files to generate. */
  readonly services: readonly ServiceModel[];
  /** Every file of the request (imports too), by proto path. */
  readonly allFiles: ReadonlyMap<string, FileModel>;
  /** Every message of the request, by full name (no leading dot). */
  readonly messages: ReadonlyMap<string, MessageModel>;
  /** Every enum of the request, by full name. */
  readonly enums: ReadonlyMap<string, EnumModel>;
}

export interface PackageModel {
  readonly name: string;
  readonly files: readonly FileModel[];
  readonly services: readonly ServiceModel[];
}

export interface FileModel {
  readonly kind: "file";
  /** Proto path, e.g. "helloworld/helloworld.proto". */
  readonly name: string;
  /** Proto path without ".proto", the stem of generated file names. */
  readonly stem: string;
  readonly package: string;
  readonly syntax: "proto2" | "proto3" | "editions";
  readonly generate: boolean;
  readonly services: readonly ServiceModel[];
  /** Top-level and nested messages, depth first, map entries left out. */
  readonly messages: readonly MessageModel[];
  /** Top-level and nested enums. */
  readonly enums: readonly EnumModel[];
  readonly packageComments: Comments;
  readonly syntaxComments: Comments;
  readonly deprecated: boolean;
  readonly desc: DescFile;
}

export interface ServiceModel {
  readonly kind: "service";
  /** Proto name, e.g. "Helloworld". */
  readonly name: string;
  /** "pkg.Service". */
  readonly fullName: string;
  /** Micro registry service name: the proto package (the lower-cased service name when there is none). */
  readonly registryName: string;
  readonly file: FileModel;
  readonly methods: readonly MethodModel[];
  readonly comments: Comments;
  readonly deprecated: boolean;
  readonly desc: DescService;
}

export interface MethodModel {
  readonly kind: "method";
  /** Proto name, e.g. "PingPong". */
  readonly name: string;
  /** protobuf-es's lowerCamel name, e.g. "pingPong". */
  readonly localName: string;
  /** Micro endpoint name, "Service.Method". */
  readonly endpoint: string;
  readonly streaming: StreamingKind;
  readonly input: MessageModel;
  readonly output: MessageModel;
  readonly comments: Comments;
  readonly deprecated: boolean;
  /** google.api.http bindings: the main rule first, then its additional_bindings, in source order. */
  readonly http: readonly HttpBinding[];
  readonly desc: DescMethod;
}

export interface HttpBinding {
  /** GET, PUT, POST, DELETE, PATCH, or the kind of a custom pattern. */
  readonly method: string;
  /** Path template, e.g. "/v1/{name=shelves/*}". */
  readonly path: string;
  /** "" (no body), "*" (the whole request) or a request field path. */
  readonly body: string;
  /** "" (the whole response) or a response field path. */
  readonly responseBody: string;
  readonly additional: boolean;
}

export interface MessageModel {
  readonly kind: "message";
  readonly name: string;
  readonly fullName: string;
  readonly file: FileModel;
  readonly fields: readonly FieldModel[];
  /** Names of real (not synthetic proto3-optional) oneofs. */
  readonly oneofs: readonly string[];
  /** True for google.protobuf.* messages, which have a special JSON form. */
  readonly wkt: boolean;
  readonly comments: Comments;
  readonly deprecated: boolean;
  readonly desc: DescMessage;
}

export type FieldKind = "scalar" | "enum" | "message" | "map";

export interface FieldModel {
  readonly kind: FieldKind;
  /** Proto name, e.g. "create_time". */
  readonly name: string;
  /** protobuf-es property name, e.g. "createTime". */
  readonly localName: string;
  /** JSON name, e.g. "createTime". */
  readonly jsonName: string;
  readonly number: number;
  /** Set when kind is "scalar". */
  readonly scalar?: ScalarName;
  /** Set when kind is "enum". */
  readonly enum?: EnumModel;
  /** Set when kind is "message". */
  readonly message?: MessageModel;
  /** Set when kind is "map". */
  readonly map?: MapType;
  readonly repeated: boolean;
  /** proto3 `optional`. */
  readonly proto3Optional: boolean;
  /** Name of the real oneof the field belongs to. */
  readonly oneof?: string;
  /** Full name of the google.protobuf.* type of the field (or of its map value). */
  readonly wkt?: string;
  /** proto2 `required`, or google.api.field_behavior = REQUIRED. */
  readonly required: boolean;
  /** proto2 default, as written in the descriptor. */
  readonly default?: string;
  readonly comments: Comments;
  readonly deprecated: boolean;
  readonly desc: DescField;
}

export interface MapType {
  readonly key: ScalarName;
  readonly value:
    | { readonly kind: "scalar"; readonly scalar: ScalarName }
    | { readonly kind: "enum"; readonly enum: EnumModel }
    | { readonly kind: "message"; readonly message: MessageModel };
}

export interface EnumModel {
  readonly kind: "enum";
  readonly name: string;
  readonly fullName: string;
  readonly file: FileModel;
  readonly values: readonly EnumValueModel[];
  readonly comments: Comments;
  readonly deprecated: boolean;
  readonly desc: DescEnum;
}

export interface EnumValueModel {
  readonly name: string;
  readonly number: number;
  readonly comments: Comments;
  readonly deprecated: boolean;
  readonly desc: DescEnumValue;
}
