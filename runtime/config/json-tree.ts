// The document model: a Set's JSON value is flattened into leaves (one per scalar, array or empty object),
// each stored under its own path, and a Get reassembles the leaves under a path into JSON text. Objects
// therefore deep-merge into what is stored while anything else replaces it, as in Micro 3.0.
import { badRequest, checkSegments, abbreviate, MAX_PATH_BYTES, PATH_SEPARATOR } from "./validate.js";
import type { ConfigValueInput } from "./types.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One stored value: its full path from the document root and its JSON text. */
export interface Leaf {
  segments: string[];
  json: string;
  /** `{}`: merging it into an existing object changes nothing, so it is only stored where nothing else is. */
  emptyObject: boolean;
}

export function isObject(v: Json): v is { [key: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Value.data → JSON, or a 400 naming what is wrong. A secret's text never appears in the detail. */
export function parseValue(value: ConfigValueInput | undefined, secret: boolean): Json {
  if (!value) throw badRequest("value is required");
  if (value.format && value.format.toLowerCase() !== "json") {
    throw badRequest(`value.format ${JSON.stringify(abbreviate(value.format))} is not supported; use "json"`);
  }
  if (value.data.trim() === "") throw badRequest(`value.data is empty; it must be JSON text, e.g. "\\"text\\"" for a string`);
  try {
    return JSON.parse(value.data) as Json;
  } catch (err) {
    // The parser's message quotes the input, which is fine for plain values and not for secrets.
    const why = secret ? "" : `: ${(err as Error).message}`;
    throw badRequest(`value.data is not valid JSON${why}`);
  }
}

/** The leaves a value set at `at` consists of. */
export function flatten(value: Json, at: string[]): Leaf[] {
  if (at.length === 0 && !isObject(value)) throw badRequest("a value set at the whole document (empty path) must be a JSON object");
  const leaves: Leaf[] = [];
  const walk = (v: Json, segments: string[]) => {
    if (!isObject(v)) return leaves.push({ segments, json: JSON.stringify(v), emptyObject: false });
    // Each level adds at least two bytes ("x."), so this bounds the recursion of absurdly deep documents.
    if (2 * segments.length > MAX_PATH_BYTES) checkSegments(segments, "path");
    const keys = Object.keys(v);
    if (keys.length === 0 && segments.length > 0) return leaves.push({ segments, json: "{}", emptyObject: true });
    for (const key of keys) {
      const where = segments.length ? ` at ${JSON.stringify(abbreviate(segments.join(PATH_SEPARATOR)))}` : "";
      if (key === "") throw badRequest(`object key ""${where} is empty`);
      if (key.includes(PATH_SEPARATOR)) {
        throw badRequest(`object key ${JSON.stringify(abbreviate(key))}${where} contains '.', the path separator; nest objects instead`);
      }
      walk(v[key], [...segments, key]);
    }
  };
  walk(value, at);
  for (const leaf of leaves) checkSegments(leaf.segments, "path");
  return leaves;
}

type Node = { leaf: string } | { children: Map<string, Node> };

/**
 * Leaves found under a path (segments relative to it, in key order) → JSON text. The leaves' own text is
 * spliced in as stored, so values are never re-encoded and `<`, `>` and `&` stay as they are.
 */
export function assemble(entries: Iterable<{ relative: string[]; json: string }>): string | undefined {
  let root: Node | undefined;
  for (const { relative, json } of entries) {
    if (relative.length === 0) {
      root = { leaf: json };
      continue;
    }
    if (!root || "leaf" in root) root = { children: new Map() };
    let node = root;
    for (let i = 0; i < relative.length - 1; i++) {
      let next: Node | undefined = node.children.get(relative[i]);
      if (!next || "leaf" in next) node.children.set(relative[i], (next = { children: new Map() }));
      node = next;
    }
    node.children.set(relative[relative.length - 1], { leaf: json });
  }
  return root && serialize(root);
}

function serialize(node: Node): string {
  if ("leaf" in node) return node.leaf;
  const members = [...node.children].map(([key, child]) => `${JSON.stringify(key)}:${serialize(child)}`);
  return `{${members.join(",")}}`;
}
