// How the runtime learns that a new instance of a service is up: its node appears in the registry.
import type { Registry } from "../registry/types.js";

export async function instanceIds(registry: Registry, namespace: string, name: string): Promise<Set<string>> {
  const versions = await registry.getService(name, { domain: namespace });
  return new Set(versions.flatMap((v) => v.nodes.map((n) => n.id)));
}

export async function waitForInstance(registry: Registry, namespace: string, name: string, except: Set<string>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ids = await instanceIds(registry, namespace, name);
    if ([...ids].some((id) => !except.has(id))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no new instance of ${name} registered within ${timeoutMs / 1000}s`);
}
