// A config value as a service reads it: typed accessors with defaults, like Micro's config.Value. Strings
// that spell a number or boolean convert (the CLI stores `micro config set port 8080` as a number and
// `"8080"` as a string, and a service should not care which).
import type { Json } from "./json-tree.js";

export class ConfigEntry {
  /** A path with nothing stored: every accessor answers its default. */
  static missing(): ConfigEntry {
    return new ConfigEntry(undefined);
  }

  /** From Value.data (JSON text). */
  static parse(data: string): ConfigEntry {
    return new ConfigEntry(data);
  }

  private readonly value: Json | undefined;

  /** The JSON text as stored, or undefined when nothing is. */
  readonly raw: string | undefined;

  private constructor(raw: string | undefined) {
    this.raw = raw;
    this.value = raw === undefined ? undefined : (JSON.parse(raw) as Json);
  }

  exists(): boolean {
    return this.value !== undefined;
  }

  /** Strings as they are; numbers and booleans in their JSON spelling; anything else the default. */
  string(def = ""): string {
    const v = this.value;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return def;
  }

  /** Whole numbers (fractions truncate, as Go's conversion does) or strings holding one. */
  int(def = 0): number {
    const v = this.value;
    if (typeof v === "number" && Number.isFinite(v)) return Math.trunc(v);
    if (typeof v === "string" && /^[+-]?\d+$/.test(v.trim())) return Number.parseInt(v, 10);
    return def;
  }

  float(def = 0): number {
    const v = this.value;
    if (typeof v === "number") return v;
    if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
    return def;
  }

  /** Booleans, or the strings Go's strconv.ParseBool accepts (true/false, t/f, 1/0, any case). */
  bool(def = false): boolean {
    const v = this.value;
    if (typeof v === "boolean") return v;
    if (typeof v !== "string") return def;
    const s = v.trim().toLowerCase();
    if (s === "true" || s === "t" || s === "1") return true;
    if (s === "false" || s === "f" || s === "0") return false;
    return def;
  }

  /** Arrays (elements as strings) or a comma-separated string. */
  stringSlice(def: string[] = []): string[] {
    const v = this.value;
    if (Array.isArray(v)) return v.map((e) => (typeof e === "string" ? e : JSON.stringify(e)));
    if (typeof v === "string") return v.split(",").map((s) => s.trim());
    return def;
  }

  /** Objects, values as strings. */
  stringMap(def: Record<string, string> = {}): Record<string, string> {
    const v = this.value;
    if (typeof v !== "object" || v === null || Array.isArray(v)) return def;
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, typeof e === "string" ? e : JSON.stringify(e)]));
  }

  /** The value as parsed JSON (the caller names the type it expects), or the default when missing. */
  json<T = unknown>(def?: T): T {
    return (this.value === undefined ? def : this.value) as T;
  }
}
