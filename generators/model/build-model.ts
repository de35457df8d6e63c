// buildModel(): one pass over the request's descriptors, producing the Model every emitter reads.
// Comments are getters: looked up (and cleaned) on first read, since most are never read.
// Messages and enums are created first (as shells) for every file, so fields can point at any of them,
// including recursive and cross-file references.
import type { DescEnum, DescField, DescFile, DescMessage, DescService } from "@bufbuild/protobuf";
import { wkt } from "../cjs/protobuf.js";
import { createAnnotationReader, type AnnotationReader } from "./annotations.js";
import { indexComments, type CommentIndex } from "./comments.js";
import type {
  EnumModel, FieldModel, FileModel, MapType, MessageModel, MethodModel, Model, PackageModel, ScalarName,
  ServiceModel,
} from "./types.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const SCALAR_NAMES: Readonly<Record<number, ScalarName>> = {
  1: "double", 2: "float", 3: "int64", 4: "uint64", 5: "int32", 6: "fixed64", 7: "fixed32", 8: "bool",
  9: "string", 12: "bytes", 13: "uint32", 15: "sfixed32", 16: "sfixed64", 17: "sint32", 18: "sint64",
};

const WKT_PACKAGE_PREFIX = "google.protobuf.";
const LEGACY_REQUIRED = wkt.FeatureSet_FieldPresence.LEGACY_REQUIRED;

export function scalarName(scalar: number): ScalarName {
  const name = SCALAR_NAMES[scalar];
  if (name === undefined) throw new Error(`unknown scalar type ${scalar}`);
  return name;
}

export function buildModel(allFiles: readonly DescFile[], filesToGenerate: readonly DescFile[]): Model {
  const generate = new Set(filesToGenerate);
  const annotations = createAnnotationReader(allFiles);
  const messages = new Map<string, Mutable<MessageModel>>();
  const enums = new Map<string, EnumModel>();
  const files = new Map<string, Mutable<FileModel>>();
  const commentIndexes = new Map<FileModel, CommentIndex>();

  for (const desc of allFiles) {
    const comments = indexComments(desc.proto);
    const file = newFile(desc, generate.has(desc), comments);
    files.set(desc.proto.name, file);
    commentIndexes.set(file, comments);
    const fileMessages: MessageModel[] = [];
    const fileEnums: EnumModel[] = [];
    const addEnum = (e: DescEnum) => {
      const model = newEnum(e, file, comments);
      enums.set(model.fullName, model);
      fileEnums.push(model);
    };
    const addMessage = (m: DescMessage) => {
      const model = newMessageShell(m, file, comments);
      messages.set(model.fullName, model);
      fileMessages.push(model);
      m.nestedEnums.forEach(addEnum);
      m.nestedMessages.forEach(addMessage);
    };
    desc.enums.forEach(addEnum);
    desc.messages.forEach(addMessage);
    file.messages = fileMessages;
    file.enums = fileEnums;
  }

  const refs = { messages, enums, annotations };
  for (const message of messages.values()) {
    const comments = commentIndexes.get(message.file)!;
    message.fields = message.desc.fields.map((f) => newField(f, comments, refs));
  }
  for (const file of files.values()) {
    const comments = commentIndexes.get(file)!;
    file.services = file.desc.services.map((s) => newService(s, file, comments, refs));
  }

  const toGenerate = filesToGenerate.map((d) => files.get(d.proto.name)!);
  return {
    files: toGenerate,
    packages: groupPackages(toGenerate),
    services: toGenerate.flatMap((f) => f.services),
    allFiles: files,
    messages,
    enums,
  };
}

function newFile(desc: DescFile, generate: boolean, comments: CommentIndex): Mutable<FileModel> {
  const syntax = desc.proto.syntax === "proto3" ? "proto3" : desc.proto.syntax === "editions" ? "editions" : "proto2";
  return {
    kind: "file",
    name: desc.proto.name,
    stem: desc.name, // protobuf-es drops ".proto", as protoc-gen-es does for `<stem>_pb.ts`
    package: desc.proto.package,
    syntax,
    generate,
    services: [],
    messages: [],
    enums: [],
    packageComments: comments.packageComments,
    syntaxComments: comments.syntaxComments,
    deprecated: desc.deprecated,
    desc,
  };
}

function newEnum(desc: DescEnum, file: FileModel, comments: CommentIndex): EnumModel {
  return {
    kind: "enum",
    name: desc.name,
    fullName: desc.typeName,
    file,
    values: desc.values.map((v) => ({
      name: v.name,
      number: v.number,
      get comments() {
        return comments.of(v.proto);
      },
      deprecated: v.deprecated,
      desc: v,
    })),
    get comments() {
      return comments.of(desc.proto);
    },
    deprecated: desc.deprecated,
    desc,
  };
}

function newMessageShell(desc: DescMessage, file: FileModel, comments: CommentIndex): Mutable<MessageModel> {
  return {
    kind: "message",
    name: desc.name,
    fullName: desc.typeName,
    file,
    fields: [],
    oneofs: desc.oneofs.map((o) => o.name),
    wkt: desc.typeName.startsWith(WKT_PACKAGE_PREFIX),
    get comments() {
      return comments.of(desc.proto);
    },
    deprecated: desc.deprecated,
    desc,
  };
}

interface Refs {
  readonly messages: ReadonlyMap<string, MessageModel>;
  readonly enums: ReadonlyMap<string, EnumModel>;
  readonly annotations: AnnotationReader;
}

function newField(desc: DescField, comments: CommentIndex, refs: Refs): FieldModel {
  let kind: FieldModel["kind"];
  let scalar: ScalarName | undefined;
  let enumType: EnumModel | undefined;
  let message: MessageModel | undefined;
  let map: MapType | undefined;
  let typeName: string | undefined; // of the enum or message (or map value), for the WKT marker
  switch (desc.fieldKind) {
    case "scalar":
      [kind, scalar] = ["scalar", scalarName(desc.scalar)];
      break;
    case "enum":
      [kind, enumType, typeName] = ["enum", refs.enums.get(desc.enum.typeName), desc.enum.typeName];
      break;
    case "message":
      [kind, message, typeName] = ["message", refs.messages.get(desc.message.typeName), desc.message.typeName];
      break;
    case "list":
      if (desc.listKind === "scalar") [kind, scalar] = ["scalar", scalarName(desc.scalar)];
      else if (desc.listKind === "enum") [kind, enumType, typeName] = ["enum", refs.enums.get(desc.enum.typeName), desc.enum.typeName];
      else [kind, message, typeName] = ["message", refs.messages.get(desc.message.typeName), desc.message.typeName];
      break;
    case "map": {
      kind = "map";
      let value: MapType["value"];
      if (desc.mapKind === "scalar") value = { kind: "scalar", scalar: scalarName(desc.scalar) };
      else if (desc.mapKind === "enum") {
        value = { kind: "enum", enum: refs.enums.get(desc.enum.typeName)! };
        typeName = desc.enum.typeName;
      } else {
        value = { kind: "message", message: refs.messages.get(desc.message.typeName)! };
        typeName = desc.message.typeName;
      }
      map = { key: scalarName(desc.mapKey), value };
      break;
    }
  }
  return {
    kind,
    name: desc.name,
    localName: desc.localName,
    jsonName: desc.jsonName,
    number: desc.number,
    scalar,
    enum: enumType,
    message,
    map,
    repeated: desc.fieldKind === "list",
    proto3Optional: desc.proto.proto3Optional === true,
    oneof: desc.oneof?.name,
    wkt: typeName !== undefined && typeName.startsWith(WKT_PACKAGE_PREFIX) ? typeName : undefined,
    required: desc.presence === LEGACY_REQUIRED || refs.annotations.isRequired(desc),
    // Unset proto2 strings read as "" in protobuf-es; a default of "" says nothing either.
    default: desc.proto.defaultValue || undefined,
    get comments() {
      return comments.of(desc.proto);
    },
    deprecated: desc.deprecated,
    desc,
  };
}

function newService(desc: DescService, file: FileModel, comments: CommentIndex, refs: Refs): ServiceModel {
  const service: Mutable<ServiceModel> = {
    kind: "service",
    name: desc.name,
    fullName: desc.typeName,
    registryName: file.package !== "" ? file.package : desc.name.toLowerCase(),
    file,
    methods: [],
    get comments() {
      return comments.of(desc.proto);
    },
    deprecated: desc.deprecated,
    desc,
  };
  service.methods = desc.methods.map((m): MethodModel => ({
    kind: "method",
    name: m.name,
    localName: m.localName,
    endpoint: `${desc.name}.${m.name}`,
    streaming: m.methodKind,
    input: refs.messages.get(m.input.typeName)!,
    output: refs.messages.get(m.output.typeName)!,
    get comments() {
      return comments.of(m.proto);
    },
    deprecated: m.deprecated,
    http: refs.annotations.httpBindings(m),
    desc: m,
  }));
  return service;
}

function groupPackages(files: readonly FileModel[]): PackageModel[] {
  const byName = new Map<string, { name: string; files: FileModel[]; services: ServiceModel[] }>();
  for (const file of files) {
    let pkg = byName.get(file.package);
    if (!pkg) byName.set(file.package, (pkg = { name: file.package, files: [], services: [] }));
    pkg.files.push(file);
    pkg.services.push(...file.services);
  }
  return [...byName.values()];
}
