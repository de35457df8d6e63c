// The one place that turns flags and env into engine choices: each primitive is embedded unless given a URL
// (`--registry etcd://…`, `--events nats://…`, `--broker nats://…`, `--config etcd://…`, `--store postgres://…`,
// or MICRO_REGISTRY, MICRO_EVENTS, MICRO_BROKER, MICRO_CONFIG, MICRO_STORE). Every error names the primitive's flag
// and shows the URL without its credentials; reaching an engine is bounded in time, so a dead one fails the start.

export const PRIMITIVES = ["store", "registry", "events", "broker", "config"] as const;
export type Primitive = (typeof PRIMITIVES)[number];
export type EngineUrls = Partial<Record<Primitive, string>>;

/** The engines each primitive can run on besides the embedded one, with an example URL for messages. */
export const ENGINES: Record<Primitive, { schemes: string[]; example: string }> = {
  store: { schemes: ["postgres", "postgresql"], example: "postgres://user:password@host:port/database" },
  registry: { schemes: ["etcd"], example: "etcd://host:2379" },
  events: { schemes: ["nats"], example: "nats://host:4222" },
  broker: { schemes: ["nats"], example: "nats://host:4222" },
  config: { schemes: ["etcd"], example: "etcd://host:2379" },
};

/** How long a start waits for an engine to answer before failing. */
export const REACH_TIMEOUT_MS = 10_000;

/** Flags win over env (MICRO_<PRIMITIVE>); "embedded" or nothing means the embedded engine. */
export function engineUrls(flags: EngineUrls, env: NodeJS.ProcessEnv = process.env): EngineUrls {
  const urls: EngineUrls = {};
  for (const p of PRIMITIVES) {
    const url = flags[p] ?? env[`MICRO_${p.toUpperCase()}`];
    if (url && url !== "embedded") urls[p] = url;
  }
  return urls;
}

/** Parses a primitive's URL, checking its scheme; the error names the flag and never echoes a password. */
export function parseEngineUrl(primitive: Primitive, url: string): URL {
  const { schemes, example } = ENGINES[primitive];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--${primitive}: not a URL (expected ${example}, or embedded)`);
  }
  const scheme = parsed.protocol.replace(/:$/, "");
  if (!schemes.includes(scheme)) {
    throw new Error(`--${primitive}: unsupported engine "${scheme}" (supported: embedded, ${schemes.map((s) => `${s}://…`).join(", ")})`);
  }
  if (!parsed.hostname) throw new Error(`--${primitive}: ${redactUrl(parsed)} names no host (expected ${example})`);
  return parsed;
}

/** The URL safe to print: user kept, password replaced. */
export function redactUrl(url: URL | string): string {
  const u = new URL(typeof url === "string" ? url : url.href);
  if (u.password) u.password = "***";
  return u.toString();
}

/**
 * Waits for `connecting` (a connection to an engine, a first request) at most `ms`; a failure or the timeout is
 * `--<primitive>: cannot reach <url>: <why>`. The caller closes what connected late, if anything, via `onLate`.
 */
export async function reach<T>(primitive: Primitive, url: URL, connecting: Promise<T>, onLate?: (value: T) => void, ms = REACH_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`no answer within ${ms / 1000} s`));
    }, ms);
  });
  try {
    return await Promise.race([connecting, timeout]);
  } catch (err) {
    if (timedOut && onLate) connecting.then(onLate, () => undefined);
    throw new Error(`--${primitive}: cannot reach ${redactUrl(url)}: ${scrub((err as Error).message, url)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** A client's error message may quote the URL it was given: never with the password. */
function scrub(message: string, url: URL): string {
  return url.password ? message.split(url.password).join("***").split(decodeURIComponent(url.password)).join("***") : message;
}
