import type { DescService } from "@bufbuild/protobuf";
import type { ServiceDef } from "./types.js";

/** Generated code calls this once per service; the result is shared by clients and servers. */
export function defineService<S extends DescService>(desc: S, info: Omit<ServiceDef<S>, "desc"> = { methods: {} }): ServiceDef<S> {
  return { desc, doc: info.doc, methods: info.methods, ...(info.comments && { comments: info.comments }) };
}

/** Accepts either a generated ServiceDef or a bare protobuf-es service descriptor. */
export function toServiceDef<S extends DescService>(def: ServiceDef<S> | S): ServiceDef<S> {
  return "desc" in def ? def : defineService(def);
}

/** gRPC path of a method: /package.Service/Method. */
export function methodPath(method: { parent: { typeName: string }; name: string }): string {
  return `/${method.parent.typeName}/${method.name}`;
}
