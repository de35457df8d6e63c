// gRPC server reflection (grpc.reflection.v1 and v1alpha) as builtins of `micro server`, so grpcurl, Postman and
// friends work against the proxy with no proto files. They are registered like any builtin, so the proxy routes
// /grpc.reflection.*/ServerReflectionInfo to them. Reflection is public (grpcurl needs it to log in), but only
// accounts of the namespace are described its own services (from the registry, catalog.ts); anyone else sees the
// builtins, whose protos are public anyway. Reflection only describes: every call it enables is admitted on its own.
//
// gen/ is generated from proto/ (copied from @grpc/reflection) with our own pipeline:
//   generateFromDir({ dir: "runtime/server/reflection/proto", out: "runtime/server/reflection/gen", targets: ["ts"],
//                     options: { rpc_import: "../../../rpc/index.js" } })
import { toBinary, type DescFile } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { GrpcCode } from "../../wire/index.js";
import { ServerReflection as V1 } from "./gen/grpc/reflection/v1/reflection_pb.js";
import { ServerReflection as V1Alpha } from "./gen/grpc/reflection/v1alpha/reflection_pb.js";
import type { HandlerContext, ServiceImpl } from "../../rpc/types.js";
import type { Registry } from "../../registry/types.js";
import { isMember } from "../../auth/policy.js";
import type { Builtin } from "../builtins.js";
import { CatalogSource, type Catalog } from "./catalog.js";

/** The request of either version: v1 and v1alpha have the same fields and numbers. */
interface ReflectionRequest {
  host: string;
  messageRequest:
    | { case: "fileByFilename" | "fileContainingSymbol" | "allExtensionNumbersOfType" | "listServices"; value: string }
    | { case: "fileContainingExtension"; value: { containingType: string; extensionNumber: number } }
    | { case: undefined; value?: undefined };
}

export const REFLECTION_SERVICES = ["grpc.reflection.v1", "grpc.reflection.v1alpha"] as const;

export function reflectionBuiltins(registry: Registry): Builtin[] {
  const impl = reflectionHandler(new CatalogSource(registry));
  return [
    { name: REFLECTION_SERVICES[0], handlers: [{ desc: V1, impl: impl as unknown as ServiceImpl<typeof V1> }] },
    { name: REFLECTION_SERVICES[1], handlers: [{ desc: V1Alpha, impl: impl as unknown as ServiceImpl<typeof V1Alpha> }] },
  ];
}

function reflectionHandler(source: CatalogSource) {
  return {
    async *serverReflectionInfo(requests: AsyncIterable<ReflectionRequest>, ctx: HandlerContext) {
      // A fresh catalog per request: a service registered while the stream is open is found too.
      const members = isMember(ctx.account, ctx.namespace);
      for await (const req of requests) yield answer(req, await source.forNamespace(ctx.namespace, members));
    },
  };
}

function answer(req: ReflectionRequest, catalog: Catalog) {
  const reply = (messageResponse: unknown) => ({ validHost: req.host, originalRequest: req, messageResponse });
  const error = (code: number, message: string) => reply({ case: "errorResponse", value: { errorCode: code, errorMessage: message } });
  const files = (file: DescFile | undefined, what: string) => file
    ? reply({ case: "fileDescriptorResponse", value: { fileDescriptorProto: withDependencies(file) } })
    : error(GrpcCode.NOT_FOUND, `${what} not found`);
  const r = req.messageRequest;
  switch (r.case) {
    case "listServices":
      return reply({ case: "listServicesResponse", value: { service: catalog.services.map((name) => ({ name })) } });
    case "fileContainingSymbol":
      return files(catalog.fileOfSymbol(r.value), `symbol ${r.value}`);
    case "fileByFilename":
      return files(catalog.fileByName(r.value), `file ${r.value}`);
    case "fileContainingExtension": {
      const { containingType, extensionNumber } = r.value;
      return files(catalog.fileOfExtension(containingType, extensionNumber), `extension ${extensionNumber} of ${containingType}`);
    }
    case "allExtensionNumbersOfType": {
      const numbers = catalog.extensionNumbers(r.value);
      return numbers ? reply({ case: "allExtensionNumbersResponse", value: { baseTypeName: r.value, extensionNumber: numbers } })
        : error(GrpcCode.NOT_FOUND, `type ${r.value} not found`);
    }
    default:
      return error(GrpcCode.INVALID_ARGUMENT, "no message_request set");
  }
}

/** The file first, then everything it imports, each once (what clients need to build the descriptors). */
function withDependencies(file: DescFile): Uint8Array[] {
  const out: DescFile[] = [];
  const visit = (f: DescFile) => {
    if (out.includes(f)) return;
    out.push(f);
    f.dependencies.forEach(visit);
  };
  visit(file);
  return out.map((f) => toBinary(FileDescriptorProtoSchema, f.proto));
}
