// Micro 3.0's default HTTP path rule (spec §4), as a pure function:
//   /foo              → foo, Foo.Call
//   /foo/bar          → foo, Foo.Bar
//   /v1/foo/bar       → v1.foo, Foo.Bar         (3 parts starting with a version)
//   /foo/bar/baz/cat  → foo.bar, Baz.Cat        (otherwise: all but the last two parts name the service)
// Segments are Titled and kebab-case becomes CamelCase ("baz-xyz" → "BazXyz").

export interface PathTarget {
  /** Registry service name. */
  service: string;
  /** Micro endpoint, `ProtoService.Method`. */
  endpoint: string;
}

const VERSION = /^v\d+$/;
/** What a decoded segment may hold: service names are lowercase words with dashes, endpoints identifiers. */
const SEGMENT = /^[A-Za-z0-9_-]+$/;

export function titleCase(word: string): string {
  return word.split("-").map((p) => (p ? p[0]!.toUpperCase() + p.slice(1) : p)).join("");
}

/**
 * The service and endpoint a path names, or undefined when it names none (the root, or a segment that cannot
 * be part of a name: dots, "..", percent-escapes, anything but letters, digits, "_" and "-").
 */
export function resolveMicroPath(path: string): PathTarget | undefined {
  const parts = path.split("/").filter((p) => p !== "");
  if (parts.length === 0 || !parts.every((p) => SEGMENT.test(p))) return undefined;
  const n = parts.length;
  if (n === 1) return { service: parts[0]!, endpoint: `${titleCase(parts[0]!)}.Call` };
  if (n === 2) return { service: parts[0]!, endpoint: `${titleCase(parts[0]!)}.${titleCase(parts[1]!)}` };
  if (n === 3 && VERSION.test(parts[0]!)) {
    return { service: `${parts[0]}.${parts[1]}`, endpoint: `${titleCase(parts[1]!)}.${titleCase(parts[2]!)}` };
  }
  return { service: parts.slice(0, -2).join("."), endpoint: `${titleCase(parts[n - 2]!)}.${titleCase(parts[n - 1]!)}` };
}
