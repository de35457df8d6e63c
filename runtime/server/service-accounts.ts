// Each service `micro run` starts gets its own service account in its namespace: type "service" (so it may
// register itself) and no scopes (so a service in "micro" is no platform admin). A re-run replaces it.
import { randomBytes } from "node:crypto";
import type { EmbeddedAuth } from "../auth/index.js";

export async function serviceCredentials(auth: EmbeddedAuth, namespace: string, name: string): Promise<{ id: string; secret: string }> {
  const id = `service.${name}`;
  await auth.deleteAccount(id, { namespace }).catch(() => undefined);
  const secret = randomBytes(24).toString("base64url");
  await auth.generate({ id, secret, type: "service", scopes: [], namespace, name });
  return { id, secret };
}
