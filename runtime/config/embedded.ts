// The embedded config engine on LMDB (runtime/engine/lmdb.ts). Each leaf of a namespace's document is its
// own record under [namespace, ...path segments], so a Set touches only the leaves it changes, and an ordered
// range over a path's key prefix yields everything beneath it. A Set or Delete is one transaction that
// resolves once committed and flushed; secret leaves are sealed (cipher.ts) before the transaction starts.
import { createHash } from "node:crypto";
import type { Database } from "lmdb";
import type { Engine } from "../engine/lmdb.js";
import { open, seal } from "./cipher.js";
import { assemble, flatten, parseValue, type Leaf } from "./json-tree.js";
import { loadSecretKey, type SecretKeyOptions } from "./secret-key.js";
import { checkNamespace, internal, notFound, parsePath, PATH_SEPARATOR, abbreviate } from "./validate.js";
import {
  DEFAULT_NAMESPACE, SECRET_PLACEHOLDER, type Config, type ConfigChange, type ConfigValue, type ConfigValueInput, type GetOptions,
  type NamespaceOptions, type SetOptions,
} from "./types.js";

/** LMDB sub-database names, exported for tests that look at what is physically stored. */
export const CONFIG_DBS = { leaves: "config.leaves", namespaces: "config.namespaces", keyCheck: "config.keycheck" };

type LeafKey = string[];
/** A plain leaf keeps its JSON text; a secret one only the sealed bytes. */
type StoredLeaf = { j: string } | { s: Uint8Array };
interface NamespaceStamp { updated: number }
interface Entry { relative: string[]; stored: StoredLeaf }

// A known value sealed with the key when the first secret is written: on the next start it tells a wrong key
// apart from a right one before any secret is read, instead of failing later on some Get.
const KEY_CHECK_ID = "aes-256-gcm";
const KEY_CHECK_TEXT = "micro config secret key check";

export class EmbeddedConfig implements Config {
  private readonly leaves: Database<StoredLeaf, LeafKey>;
  private readonly namespaces: Database<NamespaceStamp, string>;
  private readonly keyCheck: Database<Uint8Array, string>;

  /** Loads (or on first start creates) the secret key and verifies it against stored secrets. */
  static async open(engine: Engine, options: SecretKeyOptions): Promise<EmbeddedConfig> {
    const { key, origin } = await loadSecretKey(options);
    const config = new EmbeddedConfig(engine, key);
    const check = config.keyCheck.get(KEY_CHECK_ID);
    if (check !== undefined && open(key, check, KEY_CHECK_ID) !== KEY_CHECK_TEXT) {
      throw new Error(`the config secret key from ${origin} is not the key the stored secrets were encrypted with; restore that key`);
    }
    return config;
  }

  private constructor(engine: Engine, private readonly key: Buffer) {
    this.leaves = engine.db(CONFIG_DBS.leaves);
    this.namespaces = engine.db(CONFIG_DBS.namespaces);
    this.keyCheck = engine.db(CONFIG_DBS.keyCheck, { binary: true });
  }

  async get(path: string, options: GetOptions = {}): Promise<ConfigValue> {
    const namespace = namespaceOf(options);
    const at = parsePath(path);
    const entries = this.entriesUnder(namespace, at);
    const data = assemble(entries.map((e) => ({ relative: e.relative, json: this.reveal(namespace, [...at, ...e.relative], e.stored, !!options.secret) })));
    if (data === undefined) throw notFound();
    return { data, format: "json" };
  }

  async set(path: string, value: ConfigValueInput, options: SetOptions = {}): Promise<void> {
    const namespace = namespaceOf(options);
    const secret = !!options.secret;
    // Everything that can fail (parsing, validation, sealing) happens before the transaction: LMDB does not
    // roll back a transaction callback that throws, and a bad request must leave stored data untouched.
    const leaves = flatten(parseValue(value, secret), parsePath(path));
    const writes = leaves.map((leaf) => ({ leaf, stored: secret ? { s: seal(this.key, leaf.json, sealedAs(namespace, leaf.segments)) } : { j: leaf.json } }));
    const keyCheck = secret && this.keyCheck.get(KEY_CHECK_ID) === undefined ? seal(this.key, KEY_CHECK_TEXT, KEY_CHECK_ID) : undefined;
    await this.leaves.transaction(() => {
      for (const { leaf, stored } of writes) this.place(namespace, leaf, stored);
      if (keyCheck) void this.keyCheck.put(KEY_CHECK_ID, keyCheck);
      this.touch(namespace);
    });
  }

  async delete(path: string, options: NamespaceOptions = {}): Promise<void> {
    const namespace = namespaceOf(options);
    const at = parsePath(path);
    await this.leaves.transaction(() => {
      const keys = this.keysUnder([namespace, ...at]);
      if (keys.length === 0) return;
      for (const key of keys) void this.leaves.remove(key);
      if (this.keysUnder([namespace], 1).length === 0) void this.namespaces.remove(namespace);
      else this.touch(namespace);
    });
  }

  async read(path: string, options: NamespaceOptions = {}): Promise<ConfigChange> {
    const namespace = namespaceOf(options);
    const at = parsePath(path);
    const entries = this.entriesUnder(namespace, at);
    const data = assemble(entries.map((e) => ({ relative: e.relative, json: this.reveal(namespace, [...at, ...e.relative], e.stored, false) })));
    if (data === undefined) throw notFound();
    const timestamp = this.namespaces.get(namespace)?.updated ?? 0;
    return { namespace, path, changeSet: { data, checksum: checksum(entries), format: "json", source: "config", timestamp } };
  }

  /** Inside a write transaction: stores one leaf, replacing leaf ancestors and, unless merging `{}`, descendants. */
  private place(namespace: string, leaf: Leaf, stored: StoredLeaf): void {
    const key = [namespace, ...leaf.segments];
    for (let depth = 2; depth < key.length; depth++) {
      const ancestor = key.slice(0, depth);
      if (this.leaves.get(ancestor) !== undefined) void this.leaves.remove(ancestor);
    }
    const descendants = this.keysUnder(key).filter((k) => k.length > key.length);
    if (leaf.emptyObject && descendants.length > 0) return;
    for (const k of descendants) void this.leaves.remove(k);
    void this.leaves.put(key, stored);
  }

  private touch(namespace: string): void {
    void this.namespaces.put(namespace, { updated: Math.floor(Date.now() / 1000) });
  }

  /** Keys equal to or beneath `prefix`, in key order (one snapshot). */
  private keysUnder(prefix: LeafKey, limit = Infinity): LeafKey[] {
    const keys: LeafKey[] = [];
    for (const key of this.leaves.getKeys({ start: prefix })) {
      if (!startsWith(key, prefix)) break;
      keys.push(key);
      if (keys.length >= limit) break;
    }
    return keys;
  }

  private entriesUnder(namespace: string, at: string[]): Entry[] {
    const prefix = [namespace, ...at];
    const entries: Entry[] = [];
    for (const { key, value } of this.leaves.getRange({ start: prefix })) {
      if (!startsWith(key, prefix)) break;
      entries.push({ relative: key.slice(prefix.length), stored: value });
    }
    return entries;
  }

  private reveal(namespace: string, segments: string[], stored: StoredLeaf, decrypt: boolean): string {
    if ("j" in stored) return stored.j;
    if (!decrypt) return JSON.stringify(SECRET_PLACEHOLDER);
    const plain = open(this.key, stored.s, sealedAs(namespace, segments));
    if (plain === undefined) {
      throw internal(`cannot decrypt the secret at ${JSON.stringify(abbreviate(segments.join(PATH_SEPARATOR)))}: the secret key does not match or the stored value is damaged`);
    }
    return plain;
  }
}

function namespaceOf(options: NamespaceOptions): string {
  return checkNamespace(options.namespace || DEFAULT_NAMESPACE);
}

/** Associated data for a sealed leaf: its namespace and path (NUL cannot occur in either). */
function sealedAs(namespace: string, segments: string[]): string {
  return `${namespace}\u0000${segments.join(PATH_SEPARATOR)}`;
}

function startsWith(key: LeafKey, prefix: LeafKey): boolean {
  if (!Array.isArray(key) || key.length < prefix.length) return false;
  return prefix.every((segment, i) => key[i] === segment);
}

/** Over what is stored (ciphertext for secrets), so re-setting a secret changes it without revealing it. */
function checksum(entries: Entry[]): string {
  const hash = createHash("sha256");
  for (const { relative, stored } of entries) {
    hash.update(JSON.stringify(relative));
    hash.update("j" in stored ? `\u0000j${stored.j}\u0000` : Buffer.concat([Buffer.from("\u0000s"), stored.s, Buffer.from("\u0000")]));
  }
  return hash.digest("hex");
}
