// The config primitive: one JSON document per namespace, addressed by dotted paths ("db.address").
// Shapes mirror proto/config (so the handler passes them through) but callers need no protobuf types.

/** Namespace used when a caller of an engine names none (Micro's default domain). */
export const DEFAULT_NAMESPACE = "micro";

/** What Get and Read answer, as Micro 3.0 does, for a secret value read without `secret: true`. */
export const SECRET_PLACEHOLDER = "[secret]";

/** An encoded value: `data` is JSON text, `format` is "json". */
export interface ConfigValue {
  data: string;
  format: string;
}

/** Input to set: the format may be left out ("" and "json" both mean JSON). */
export interface ConfigValueInput {
  data: string;
  format?: string;
}

export interface ConfigChangeSet {
  /** The value at the path, secrets masked. */
  data: string;
  /** Changes whenever anything stored under the path changes; equal checksums mean nothing changed. */
  checksum: string;
  format: string;
  source: string;
  /** Unix seconds of the namespace's latest change. */
  timestamp: number;
}

export interface ConfigChange {
  namespace: string;
  path: string;
  changeSet: ConfigChangeSet;
}

export interface NamespaceOptions {
  /** The namespace; engines default to "micro", the gRPC handler to the caller's namespace. */
  namespace?: string;
}

export interface GetOptions extends NamespaceOptions {
  /** Decrypt secret values in the answer (otherwise they read as "[secret]"). */
  secret?: boolean;
}

export interface SetOptions extends NamespaceOptions {
  /** Encrypt the value's leaves at rest. */
  secret?: boolean;
}

/**
 * Errors are MicroErrors: 400 for bad paths or values (naming the problem), 404 "not found" when nothing is
 * stored at the path. An empty path means the whole document.
 */
export interface Config {
  get(path: string, options?: GetOptions): Promise<ConfigValue>;
  /** Objects deep-merge into what is stored; anything else replaces it. */
  set(path: string, value: ConfigValueInput, options?: SetOptions): Promise<void>;
  /** Removes the path and everything under it; deleting what is not there is not an error. */
  delete(path: string, options?: NamespaceOptions): Promise<void>;
  /** The legacy Read: the value (secrets masked) with a checksum, as watchers poll it. */
  read(path: string, options?: NamespaceOptions): Promise<ConfigChange>;
}
