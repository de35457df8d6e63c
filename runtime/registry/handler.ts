// registry.Registry over gRPC, in front of any Registry implementation. The domain defaults to the
// caller's namespace, and only platform admins may look into another one.
import { Registry as RegistryService, type Service } from "../gen/registry/registry_pb.js";
import { Forbidden, type HandlerContext, type ServiceImpl } from "../rpc/index.js";
import { ADMIN_NAMESPACE, canAccessNamespace, isBuiltinService, isPlatformAdmin, namespaceFor } from "../rpc/access.js";
import type { Registry, RegistryService as Svc } from "./types.js";
import { DESCRIPTOR_KEY } from "./describe.js";

/** Builtin names are reserved for the platform (see BUILTIN_SERVICES), in every namespace. */
function checkName(ctx: HandlerContext, name: string): void {
  if (isBuiltinService(name) && !isPlatformAdmin(ctx)) throw Forbidden("registry", `${name} is the name of a builtin service: it cannot be registered`);
}

function fromProto(s: Service): Svc {
  return {
    name: s.name, version: s.version, metadata: { ...s.metadata },
    endpoints: s.endpoints.map((e) => ({ name: e.name, request: e.request, response: e.response, metadata: { ...e.metadata } })),
    nodes: s.nodes.map((n) => ({ id: n.id, address: n.address, port: n.port, metadata: { ...n.metadata } })),
  };
}

/** ListServices answers names, versions and metadata only, as Micro does: endpoints come from GetService. */
function summary(s: Svc): Svc {
  const { [DESCRIPTOR_KEY]: _descriptor, ...metadata } = s.metadata;
  return { ...s, metadata, endpoints: [], nodes: [] };
}

export function registryHandler(registry: Registry): ServiceImpl<typeof RegistryService> {
  return {
    async getService(req, ctx) {
      // A builtin's description (endpoints, descriptor) is public, as reflection makes it anyway: any tenant may
      // read it from "micro" to build requests (micro call store Store.Read); where it runs stays private.
      const domain = req.options?.domain || ctx.namespace;
      if (domain === ADMIN_NAMESPACE && isBuiltinService(req.service) && !canAccessNamespace(ctx, domain)) {
        const services = await registry.getService(req.service, { domain });
        return { services: services.map((s) => ({ ...s, nodes: [] })) };
      }
      const services = await registry.getService(req.service, { domain: namespaceFor(ctx, domain, "registry") });
      return { services };
    },
    async register(req, ctx) {
      checkName(ctx, req.name);
      const ttlSeconds = Number(req.options?.ttl ?? 0n);
      await registry.register(fromProto(req), { domain: namespaceFor(ctx, req.options?.domain, "registry"), ttlMs: ttlSeconds * 1000 });
      return {};
    },
    async deregister(req, ctx) {
      checkName(ctx, req.name);
      await registry.deregister(fromProto(req), { domain: namespaceFor(ctx, req.options?.domain, "registry") });
      return {};
    },
    async listServices(req, ctx) {
      const services = await registry.listServices({ domain: namespaceFor(ctx, req.options?.domain, "registry") });
      return { services: services.map(summary) };
    },
    async *watch(req, ctx) {
      const domain = namespaceFor(ctx, req.options?.domain, "registry");
      for await (const ev of registry.watch({ domain, service: req.service || undefined, signal: ctx.signal })) {
        yield { action: ev.action, service: ev.service, timestamp: BigInt(ev.timestamp) };
      }
    },
  };
}
