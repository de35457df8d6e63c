// Finds what a call goes to: the service's instances (through the proxy's Resolver: builtins in "micro", any
// other service in the caller's namespace, round robin) and the endpoint's protobuf method from the descriptor
// the service registered.
// Descriptors are compiled once per distinct descriptor text, so a request costs two map lookups.
import type { DescMethod, DescService, FileRegistry } from "@bufbuild/protobuf";
import type { Registry, RegistryService } from "../registry/types.js";
import { DESCRIPTOR_KEY } from "../registry/describe.js";
import { schemaOf } from "../registry/schema.js";
import type { Resolver } from "../proxy/resolver.js";
import { MicroError } from "../rpc/errors.js";
import { schemalessKind } from "./http-rules.js";

export type MethodKind = DescMethod["methodKind"];

export interface Target {
  service: string;
  endpoint: string;
  /** Namespace the instances were found in (the caller's, or "micro" for builtins). */
  namespace: string;
  /** Instance addresses, rotated for round robin. */
  addresses: string[];
  /** Some instance verifies tokens itself (not Micro 3.0's framework: proxy/resolver.ts): an anonymous call goes with a call token. */
  verifiesTokens: boolean;
  /** gRPC method path, /pkg.Service/Method. */
  path: string;
  kind: MethodKind;
  /** The protobuf method; undefined when the service published no descriptor (JSON passes through). */
  method?: DescMethod;
  schema?: FileRegistry;
}

interface Compiled {
  schema: FileRegistry;
  services: Map<string, DescService[]>;
  /** What findMethod answered, by registry service and endpoint (null: no such method). */
  methods: Map<string, { method: DescMethod; path: string } | null>;
}

const ERROR_ID = "micro.api";
const MAX_COMPILED = 500;
/** Method look-ups remembered per descriptor (endpoints a client made up are not, beyond this). */
const MAX_METHODS = 1000;

export class ServiceCatalog {
  private readonly compiled = new Map<string, Compiled>();

  constructor(private readonly registry: Registry, private readonly resolver: Resolver) {}

  /** The call target; 404 when the service or its endpoint does not exist (for this namespace). */
  async find(service: string, endpoint: string, namespace: string): Promise<Target> {
    const found = await this.resolver.resolve(service, namespace);
    if (!found) throw new MicroError(ERROR_ID, 404, `service ${service} not found`);
    const versions = found.records ?? await this.registry.getService(service, { domain: found.namespace });
    const record = versions.find((v) => v.metadata[DESCRIPTOR_KEY]) ?? versions[0];
    if (!record) throw new MicroError(ERROR_ID, 404, `service ${service} not found`);
    const { namespace: ns, addresses, verifiesTokens } = found;
    const compiled = this.compile(record);
    if (!compiled) {
      const { path, kind } = this.withoutSchema(record, endpoint);
      return { service, endpoint, namespace: ns, addresses, verifiesTokens, path, kind };
    }
    const key = `${service}\n${endpoint}`;
    let known = compiled.methods.get(key);
    if (known === undefined) {
      const method = findMethod(compiled, service, endpoint);
      known = method ? { method, path: `/${method.parent.typeName}/${method.name}` } : null;
      if (compiled.methods.size < MAX_METHODS) compiled.methods.set(key, known);
    }
    if (!known) throw new MicroError(ERROR_ID, 404, `endpoint ${endpoint} not found on service ${service}`);
    const { method, path } = known;
    // spelled out: V8 (node 20) builds `{ ...base, more }` on a slow path, µs per call
    return { service, endpoint, namespace: ns, addresses, verifiesTokens, path, kind: method.methodKind, method, schema: compiled.schema };
  }

  private compile(record: RegistryService): Compiled | undefined {
    const text = record.metadata[DESCRIPTOR_KEY];
    if (!text) return undefined;
    let compiled = this.compiled.get(text);
    if (!compiled) {
      let schema: FileRegistry | undefined;
      try {
        schema = schemaOf(record);
      } catch {
        return undefined; // a corrupt descriptor: treat the service as schemaless rather than failing every call
      }
      if (!schema) return undefined;
      const services = new Map<string, DescService[]>();
      for (const type of schema) {
        if (type.kind !== "service") continue;
        services.set(type.name, [...(services.get(type.name) ?? []), type]);
      }
      compiled = { schema, services, methods: new Map() };
      if (this.compiled.size >= MAX_COMPILED) this.compiled.delete(this.compiled.keys().next().value!);
      this.compiled.set(text, compiled);
    }
    return compiled;
  }

  /** Services without a descriptor (e.g. Go Micro services): Micro's path convention and the stream flag. */
  private withoutSchema(record: RegistryService, endpoint: string): Pick<Target, "path" | "kind"> {
    const ep = record.endpoints.find((e) => e.name === endpoint);
    if (!ep) throw new MicroError(ERROR_ID, 404, `endpoint ${endpoint} not found on service ${record.name}`);
    const [svc, rpc] = splitEndpoint(endpoint);
    return { path: `/${record.name}.${svc}/${rpc}`, kind: schemalessKind(ep) };
  }
}

function splitEndpoint(endpoint: string): [string, string] {
  const dot = endpoint.indexOf(".");
  return dot < 0 ? [endpoint, "Call"] : [endpoint.slice(0, dot), endpoint.slice(dot + 1)];
}

/** `Service.Method` in the descriptor; when two packages define the service name, the one named like the
 * registry service wins. */
function findMethod(compiled: Compiled, service: string, endpoint: string): DescMethod | undefined {
  const [svc, rpc] = splitEndpoint(endpoint);
  const candidates = compiled.services.get(svc);
  if (!candidates) return undefined;
  const ordered = candidates.length > 1
    ? [...candidates].sort((a, b) => Number(b.file.proto.package === service) - Number(a.file.proto.package === service))
    : candidates;
  for (const s of ordered) {
    const m = s.methods.find((x) => x.name === rpc);
    if (m) return m;
  }
  return undefined;
}
