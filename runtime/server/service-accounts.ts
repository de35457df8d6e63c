// Each service `micro run` starts gets its own service account in its namespace, named after the service as in
// Micro 3.0: type "service" (so it may register itself) and no scopes (so a service in "micro" is no platform admin).
// A run replaces it; an update keeps it (the running instance keeps using it while the new one starts, see
// runtime/local.ts); a kill deletes it.
import { randomBytes } from "node:crypto";
import type { EmbeddedAuth } from "../auth/index.js";

export function serviceAccountId(name: string): string {
  return `service.${name}`;
}

export async function serviceCredentials(auth: EmbeddedAuth, namespace: string, name: string): Promise<{ id: string; secret: string }> {
  const id = serviceAccountId(name);
  await revokeServiceCredentials(auth, namespace, name);
  const secret = randomBytes(24).toString("base64url");
  await auth.generate({ id, secret, type: "service", scopes: [], namespace, name });
  return { id, secret };
}

/** `micro kill`: the account goes with the service (none left is fine). */
export async function revokeServiceCredentials(auth: EmbeddedAuth, namespace: string, name: string): Promise<void> {
  await auth.deleteAccount(serviceAccountId(name), { namespace }).catch(() => undefined);
}
