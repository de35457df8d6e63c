// The registry primitive: services by name and version, each with nodes that expire unless re-registered.
// Shapes mirror proto/registry (so handlers pass them through) but callers need no protobuf types.
export interface RegistryValue { name: string; type: string; values: RegistryValue[] }
export interface RegistryEndpoint {
  name: string;
  request?: RegistryValue;
  response?: RegistryValue;
  metadata: Record<string, string>;
}
export interface RegistryNode { id: string; address: string; port?: bigint; metadata: Record<string, string> }
export interface RegistryService {
  name: string;
  version: string;
  metadata: Record<string, string>;
  endpoints: RegistryEndpoint[];
  nodes: RegistryNode[];
}
export type WatchAction = "create" | "update" | "delete";
export interface WatchEvent { action: WatchAction; service: RegistryService; timestamp: number }

export interface DomainOptions {
  /** The namespace; "micro" holds the builtin services. */
  domain?: string;
}
export interface RegisterOptions extends DomainOptions {
  /** Nodes expire this long after their last registration unless 0 (never). */
  ttlMs?: number;
}
/** `domain: ANY_DOMAIN` watches every namespace. */
export interface WatchOptions extends DomainOptions {
  service?: string;
  signal?: AbortSignal;
}

export interface Registry {
  register(service: RegistryService, options?: RegisterOptions): Promise<void>;
  /** Removes the given nodes (all of the version's nodes when none are given). */
  deregister(service: RegistryService, options?: DomainOptions): Promise<void>;
  /** Every version of the service in the domain; empty when unknown. */
  getService(name: string, options?: DomainOptions): Promise<RegistryService[]>;
  listServices(options?: DomainOptions): Promise<RegistryService[]>;
  /** Domains that currently hold at least one service. */
  listDomains(): Promise<string[]>;
  watch(options?: WatchOptions): AsyncIterable<WatchEvent>;
}

export const DEFAULT_DOMAIN = "micro";
/** Watches every domain (Micro 3.0's registry.WildcardDomain). */
export const ANY_DOMAIN = "*";
