// Micro 3.0's default HTTP path rule (spec §4), and the default paths of an endpoint derived from it:
//   1 part → service p0, endpoint Title(p0).Call
//   2 parts → service p0, endpoint Title(p0).Title(p1)
//   3 parts starting /vN → service vN.p1, endpoint Title(p1).Title(p2)
//   otherwise → service = parts[:-2] joined by ".", endpoint = the last two parts, Titled.
// Title turns kebab-case into CamelCase and upper-cases the first letter ("baz-xyz" → "BazXyz").
// The gateway resolves requests with this same function (runtime/gateway/router.ts) and the routes emitter lists
// paths with it, so a path the gateway serves and a path the route table lists can never disagree.
import { lowerFirst, titleWord } from "./words.js";

export interface MicroPathTarget {
  /** Registry service name. */
  readonly service: string;
  /** Micro endpoint, `ProtoService.Method`. */
  readonly endpoint: string;
}

const VERSION = /^v\d+$/;
/** What a decoded segment may hold: service names are lowercase words with dashes, endpoints identifiers. */
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * The service and endpoint a path names, or undefined when it names none (the root, or a segment that cannot
 * be part of a name: dots, "..", percent-escapes, anything but letters, digits, "_" and "-").
 */
export function resolveMicroPath(path: string): MicroPathTarget | undefined {
  const parts = path.split("/").filter((p) => p.length > 0);
  const n = parts.length;
  if (n === 0 || !parts.every((p) => SEGMENT.test(p))) return undefined;
  if (n === 1) return { service: parts[0]!, endpoint: `${titleWord(parts[0]!)}.Call` };
  if (n === 2) return { service: parts[0]!, endpoint: `${titleWord(parts[0]!)}.${titleWord(parts[1]!)}` };
  if (n === 3 && VERSION.test(parts[0]!)) {
    return { service: `${parts[0]}.${parts[1]}`, endpoint: `${titleWord(parts[1]!)}.${titleWord(parts[2]!)}` };
  }
  return {
    service: parts.slice(0, -2).join("."),
    endpoint: `${titleWord(parts[n - 2]!)}.${titleWord(parts[n - 1]!)}`,
  };
}

/**
 * Every path the default rule maps to (registry, Service.Method), so a route table built from these lists every
 * path the gateway serves: "/[service]" (Call only), "/[service]/[method]" and "/[service]/[handler]/[method]",
 * each word spelled lowerCamel ("pingPong") and kebab-case ("ping-pong") — the two spellings Micro documents —
 * keeping only those that resolve back to it. Other spellings the rule would also Title-case into the same
 * endpoint ("PingPong", "ping--pong") are not listed, and the gateway does not serve them for services whose
 * route table it has (runtime/gateway/router.ts).
 */
export function defaultPaths(registryName: string, serviceName: string, methodName: string): string[] {
  const root = "/" + registryName.split(".").join("/");
  const methods = spellings(methodName);
  const candidates = [root, ...methods.map((m) => `${root}/${m}`)];
  for (const handler of spellings(serviceName)) for (const m of methods) candidates.push(`${root}/${handler}/${m}`);
  const endpoint = `${serviceName}.${methodName}`;
  const out: string[] = [];
  for (const path of candidates) {
    const target = resolveMicroPath(path);
    if (target?.service === registryName && target.endpoint === endpoint && !out.includes(path)) out.push(path);
  }
  return out;
}

/** A name as a path segment: lowerCamel, then kebab-case when that differs ("PingPong" → pingPong, ping-pong). */
export function spellings(name: string): string[] {
  const camel = lowerFirst(name);
  const kebab = name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
  return kebab === camel ? [camel] : [camel, kebab];
}
