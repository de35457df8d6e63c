// The config engine on etcd, shared by every server pointed at it: what one server sets, every other reads (and
// every ServiceConfig watching through any of them sees, since watches poll Read's checksum). The layout follows
// the embedded engine's: one key per leaf, <prefix>docs/<namespace>/<segment>/…/ (each segment URI-encoded, a
// trailing '/' so a path's range holds exactly it and what is beneath it), plus a stamp key per namespace holding
// its last change time. A Set or Delete reads the namespace, applies the embedded engine's rules to that copy and
// commits the difference in one transaction guarded by the stamp's revision: concurrent writers to a namespace
// (on any server) retry instead of losing each other's leaves. Secret leaves are sealed (cipher.ts) with the key
// MICRO_CONFIG_SECRET_KEY gives; every server sharing the config must be given the same one.
import { createHash } from "node:crypto";
import type { Etcd3 } from "etcd3";
import { open, seal } from "./cipher.js";
import { assemble, flatten, parseValue, type Leaf } from "./json-tree.js";
import { loadSecretKey, type SecretKeyOptions } from "./secret-key.js";
import { abbreviate, checkNamespace, internal, notFound, parsePath, PATH_SEPARATOR } from "./validate.js";
import {
  DEFAULT_NAMESPACE, SECRET_PLACEHOLDER, type Config, type ConfigChange, type ConfigValue, type ConfigValueInput, type GetOptions,
  type NamespaceOptions, type SetOptions,
} from "./types.js";

/** A plain leaf keeps its JSON text; a secret one only the sealed bytes (base64). */
type StoredLeaf = { j: string } | { s: string };
interface Entry { relative: string[]; stored: StoredLeaf }

const KEY_CHECK_TEXT = "micro config secret key check";
const MAX_ATTEMPTS = 20;

export class EtcdConfig implements Config {
  /** Loads the secret key and verifies it against the one the shared secrets were sealed with, if any. */
  static async open(client: Etcd3, options: SecretKeyOptions & { prefix?: string }): Promise<EtcdConfig> {
    const { key, origin } = await loadSecretKey(options);
    const config = new EtcdConfig(client, key, options.prefix ?? "/micro/config/");
    const check = await client.get(config.keyCheckKey).buffer();
    if (check && open(key, check, "aes-256-gcm") !== KEY_CHECK_TEXT) {
      throw new Error(`the config secret key from ${origin} is not the key the shared secrets were encrypted with; give every server the same MICRO_CONFIG_SECRET_KEY`);
    }
    return config;
  }

  private constructor(private readonly client: Etcd3, private readonly key: Buffer, private readonly prefix: string) {}

  private get keyCheckKey(): string {
    return `${this.prefix}keycheck`;
  }

  async get(path: string, options: GetOptions = {}): Promise<ConfigValue> {
    const namespace = namespaceOf(options);
    const at = parsePath(path);
    const entries = relativeTo(await this.entries(namespace, at), at);
    const data = assemble(entries.map((e) => ({ relative: e.relative, json: this.reveal(namespace, [...at, ...e.relative], e.stored, !!options.secret) })));
    if (data === undefined) throw notFound();
    return { data, format: "json" };
  }

  async set(path: string, value: ConfigValueInput, options: SetOptions = {}): Promise<void> {
    const namespace = namespaceOf(options);
    const secret = !!options.secret;
    // everything that can fail on bad input happens before anything is written
    const leaves = flatten(parseValue(value, secret), parsePath(path));
    const writes = leaves.map((leaf) => ({
      leaf, stored: (secret ? { s: Buffer.from(seal(this.key, leaf.json, sealedAs(namespace, leaf.segments))).toString("base64") } : { j: leaf.json }) as StoredLeaf,
    }));
    if (secret && !(await this.client.get(this.keyCheckKey).buffer())) {
      await this.client.if(this.keyCheckKey, "Create", "==", 0).then(this.client.put(this.keyCheckKey).value(Buffer.from(seal(this.key, KEY_CHECK_TEXT, "aes-256-gcm")))).commit();
    }
    await this.update(namespace, (doc) => {
      for (const { leaf, stored } of writes) place(doc, leaf, stored);
    });
  }

  async delete(path: string, options: NamespaceOptions = {}): Promise<void> {
    const namespace = namespaceOf(options);
    const at = parsePath(path);
    await this.update(namespace, (doc) => {
      for (const k of [...doc.keys()]) if (startsWith(JSON.parse(k) as string[], at)) doc.delete(k);
    });
  }

  async read(path: string, options: NamespaceOptions = {}): Promise<ConfigChange> {
    const namespace = namespaceOf(options);
    const at = parsePath(path);
    const [entries, stamp] = await Promise.all([this.entries(namespace, at), this.client.get(this.stampKey(namespace)).json() as Promise<{ updated: number } | null>]);
    const relative = relativeTo(entries, at);
    const data = assemble(relative.map((e) => ({ relative: e.relative, json: this.reveal(namespace, [...at, ...e.relative], e.stored, false) })));
    if (data === undefined) throw notFound();
    return { namespace, path, changeSet: { data, checksum: checksum(relative), format: "json", source: "config", timestamp: stamp?.updated ?? 0 } };
  }

  /**
   * Read-modify-write of a namespace's leaves (keyed by JSON of their segments), committed only if nobody wrote
   * the namespace meanwhile; otherwise read again and retry.
   */
  private async update(namespace: string, change: (doc: Map<string, StoredLeaf>) => void): Promise<void> {
    const stampKey = this.stampKey(namespace);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stamp = await this.client.get(stampKey).exec();
      const revision = stamp.kvs[0]?.mod_revision ?? "0";
      const before = new Map((await this.entries(namespace, [])).map((e) => [JSON.stringify(e.relative), e.stored]));
      const after = new Map(before);
      change(after);
      const ops = [];
      for (const k of before.keys()) if (!after.has(k)) ops.push(this.client.delete().key(this.leafKey(namespace, JSON.parse(k) as string[])));
      for (const [k, v] of after) {
        if (JSON.stringify(before.get(k)) !== JSON.stringify(v)) ops.push(this.client.put(this.leafKey(namespace, JSON.parse(k) as string[])).value(JSON.stringify(v)));
      }
      if (ops.length === 0) return;
      ops.push(after.size === 0 ? this.client.delete().key(stampKey) : this.client.put(stampKey).value(JSON.stringify({ updated: Math.floor(Date.now() / 1000) })));
      const guard = revision === "0" ? this.client.if(stampKey, "Create", "==", 0) : this.client.if(stampKey, "Mod", "==", revision);
      const result = await guard.then(...ops).commit();
      if (result.succeeded) return;
    }
    throw internal(`namespace ${JSON.stringify(abbreviate(namespace))} kept changing under this write (${MAX_ATTEMPTS} attempts): try again`);
  }

  /** Leaves at or beneath `at`, relative to the namespace, in path order. */
  private async entries(namespace: string, at: string[]): Promise<Entry[]> {
    const base = this.leafKey(namespace, []);
    const all = await this.client.getAll().prefix(this.leafKey(namespace, at)).strings();
    return Object.entries(all)
      .map(([key, value]) => ({ relative: key.slice(base.length).split("/").slice(0, -1).map(decodeURIComponent), stored: JSON.parse(value) as StoredLeaf }))
      .sort((a, b) => compareSegments(a.relative, b.relative));
  }

  private leafKey(namespace: string, segments: string[]): string {
    return `${this.prefix}docs/${[namespace, ...segments].map((s) => `${encodeURIComponent(s)}/`).join("")}`;
  }

  private stampKey(namespace: string): string {
    return `${this.prefix}stamps/${encodeURIComponent(namespace)}`;
  }

  private reveal(namespace: string, segments: string[], stored: StoredLeaf, decrypt: boolean): string {
    if ("j" in stored) return stored.j;
    if (!decrypt) return JSON.stringify(SECRET_PLACEHOLDER);
    const plain = open(this.key, Buffer.from(stored.s, "base64"), sealedAs(namespace, segments));
    if (plain === undefined) {
      throw internal(`cannot decrypt the secret at ${JSON.stringify(abbreviate(segments.join(PATH_SEPARATOR)))}: the secret key does not match or the stored value is damaged`);
    }
    return plain;
  }
}

/** The embedded engine's rule for one leaf: it replaces leaf ancestors and, unless it merges `{}`, descendants. */
function place(doc: Map<string, StoredLeaf>, leaf: Leaf, stored: StoredLeaf): void {
  for (let depth = 1; depth < leaf.segments.length; depth++) doc.delete(JSON.stringify(leaf.segments.slice(0, depth)));
  const descendants = [...doc.keys()].filter((k) => {
    const segments = JSON.parse(k) as string[];
    return segments.length > leaf.segments.length && startsWith(segments, leaf.segments);
  });
  if (leaf.emptyObject && descendants.length > 0) return;
  for (const k of descendants) doc.delete(k);
  doc.set(JSON.stringify(leaf.segments), stored);
}

function relativeTo(entries: Entry[], at: string[]): Entry[] {
  return entries.map((e) => ({ relative: e.relative.slice(at.length), stored: e.stored }));
}

function namespaceOf(options: NamespaceOptions): string {
  return checkNamespace(options.namespace || DEFAULT_NAMESPACE);
}

/** Associated data for a sealed leaf: its namespace and path (as the embedded engine, so values carry over). */
function sealedAs(namespace: string, segments: string[]): string {
  return `${namespace}\u0000${segments.join(PATH_SEPARATOR)}`;
}

function startsWith(key: string[], prefix: string[]): boolean {
  return key.length >= prefix.length && prefix.every((segment, i) => key[i] === segment);
}

function compareSegments(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

/** Over what is stored (ciphertext for secrets), so re-setting a secret changes it without revealing it. */
function checksum(entries: Entry[]): string {
  const hash = createHash("sha256");
  for (const { relative, stored } of entries) {
    hash.update(JSON.stringify(relative));
    hash.update("j" in stored ? `\u0000j${stored.j}\u0000` : `\u0000s${stored.s}\u0000`);
  }
  return hash.digest("hex");
}
