// What a handler class must implement: per service, its rpcs with the handler interface's own signatures.
// Names and kinds come from the descriptors; parameter types are read from the generated `_micro.ts`, so a stub
// names exactly the types the interface names (protoc-gen-es's identifiers, aliased imports and all).
import { posix } from "node:path";
import type { FileDescriptorSet } from "@bufbuild/protobuf/wkt";
import { Node, type MethodSignature, type Project, type SourceFile, type TypeNode } from "ts-morph";
import { protobuf } from "../../../generators/index.js";

/** A type the stub's parameter names: where the handler imports it from. */
export interface TypeRef {
  /** The identifier in the parameter's type text. */
  readonly local: string;
  /** The name it is exported as. */
  readonly imported: string;
  /** Module specifier relative to the out directory ("./greeter_pb.js" → "greeter_pb.js"), or a package name. */
  readonly module: string;
  readonly relative: boolean;
}

export interface RpcSpec {
  /** The rpc's name in the proto (PingPong). */
  readonly name: string;
  /** The handler method's name (pingPong). */
  readonly method: string;
  /** Server and bidi streams are `async *` generators; unary and client streams are async functions. */
  readonly streamsOut: boolean;
  /** The request parameter: `request: Request` or `requests: AsyncIterable<Ping>`. */
  readonly param: { readonly name: string; readonly type: string };
  /** What the stub declares it returns: `Promise<X>` for unary and client streams, else the interface's `AsyncIterable<X>`. */
  readonly returns: string;
  /** The imported names `param.type` and `returns` use. */
  readonly refs: readonly TypeRef[];
}

export interface ServiceSpec {
  /** Proto service name (Greeter); its handler interface is `${name}Handler`. */
  readonly name: string;
  readonly fullName: string;
  /** The proto file declaring it, relative to the proto root. */
  readonly protoFile: string;
  /** Id of the not-implemented errors the stubs throw: the proto package, else the service name. */
  readonly errorId: string;
  readonly rpcs: readonly RpcSpec[];
}

/**
 * The services of every generated `_micro.ts` (outputs named relative to the out directory). A service whose
 * handler interface is missing from the output (an emitter change) is an error, not silently skipped.
 */
export function serviceSpecs(
  project: Project,
  descriptors: FileDescriptorSet,
  outputs: readonly { name: string; content: string }[],
): ServiceSpec[] {
  const registry = protobuf.createFileRegistry(descriptors);
  const specs: ServiceSpec[] = [];
  for (const out of outputs) {
    if (!out.name.endsWith("_micro.ts")) continue;
    const protoFile = out.name.slice(0, -"_micro.ts".length) + ".proto";
    const file = registry.getFile(protoFile);
    if (!file) continue;
    const micro = project.createSourceFile(`/__generated__/${out.name}`, out.content, { overwrite: true });
    for (const svc of file.services) {
      const iface = micro.getInterface(`${svc.name}Handler`);
      if (!iface) throw new Error(`${out.name} has no interface ${svc.name}Handler`);
      const rpcs = svc.methods.map((m): RpcSpec => {
        const sig = iface.getMethod(m.localName);
        if (!sig) throw new Error(`${out.name}: ${svc.name}Handler has no method ${m.localName}`);
        return {
          name: m.name,
          method: m.localName,
          streamsOut: m.methodKind === "server_streaming" || m.methodKind === "bidi_streaming",
          ...signature(sig, micro, out.name),
        };
      });
      specs.push({ name: svc.name, fullName: svc.typeName, protoFile, errorId: file.proto.package || svc.name.toLowerCase(), rpcs });
    }
  }
  return specs;
}

/**
 * The request parameter and return type of the interface's method. Unary and client-stream methods return
 * `MaybePromise<X>` (X | Promise<X>); an async stub must say `Promise<X>` (TypeScript infers Promise<void> for one
 * that only throws).
 */
function signature(sig: MethodSignature, micro: SourceFile, microName: string): Pick<RpcSpec, "param" | "returns" | "refs"> {
  const param = sig.getParameters()[0];
  const paramType = param?.getTypeNode();
  const returnType = sig.getReturnTypeNode();
  if (!param || !paramType || !returnType) throw new Error(`${microName}: ${sig.getName()} has no typed request parameter and return type`);
  const returned = maybePromiseOf(returnType, micro, microName) ?? returnType;
  const returns = returned === returnType ? returnType.getText() : `Promise<${returned.getText()}>`;
  const refs = new Map<string, TypeRef>();
  for (const node of [paramType, ...paramType.getDescendants(), returned, ...returned.getDescendants()]) {
    const name = Node.isTypeReference(node) ? node.getTypeName().getText()
      : Node.isTypeQuery(node) ? node.getExprName().getText() : undefined;
    if (name === undefined || refs.has(name)) continue;
    const ref = importOf(micro, name, microName);
    if (ref) refs.set(name, ref);
  }
  return { param: { name: param.getName(), type: paramType.getText() }, returns, refs: [...refs.values()] };
}

/** X of a `MaybePromise<X>` return type (the rpc module's alias, however the generated file names it). */
function maybePromiseOf(type: TypeNode, micro: SourceFile, microName: string): TypeNode | undefined {
  if (!Node.isTypeReference(type)) return undefined;
  if (importOf(micro, type.getTypeName().getText(), microName)?.imported !== "MaybePromise") return undefined;
  return type.getTypeArguments()[0];
}

/** Where the generated file imports `local` from; undefined for globals such as AsyncIterable. */
function importOf(micro: SourceFile, local: string, microName: string): TypeRef | undefined {
  for (const decl of micro.getImportDeclarations()) {
    for (const spec of decl.getNamedImports()) {
      if ((spec.getAliasNode()?.getText() ?? spec.getName()) !== local) continue;
      const module = decl.getModuleSpecifierValue();
      const relative = module.startsWith(".");
      // "./x_pb.js" in gen/a/b_micro.ts is gen/a/x_pb.js: keep it relative to the out directory.
      const path = relative ? posix.normalize(posix.join(posix.dirname(microName), module)) : module;
      return { local, imported: spec.getName(), module: path, relative };
    }
  }
  return undefined;
}
