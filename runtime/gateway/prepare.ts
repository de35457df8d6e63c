// Everything a call needs before any body is read: namespace, route, admission, target instance and metadata.
// Shared by plain HTTP, SSE and WebSocket requests.
import type * as http from "node:http";
import { randomUUID } from "node:crypto";
import { MicroError } from "../rpc/errors.js";
import type { ServiceCatalog, Target } from "./catalog.js";
import { metadataFrom } from "./metadata.js";
import { credentialOf, isValidNamespace, namespaceCandidates, type AuthorizeRequest } from "./namespace.js";
import type { Settings } from "./options.js";
import type { Route, Router } from "./router.js";
import { checkCookieOrigin } from "./same-origin.js";

export interface Call {
  namespace: string;
  route: Route;
  target: Target;
  metadata: Record<string, string>;
}

const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/** The client's X-Request-Id when it is sane, else a fresh one. */
export function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

export class CallPreparer {
  constructor(private readonly settings: Settings, private readonly router: Router, private readonly catalog: ServiceCatalog) {}

  /** The namespace a caller asks for (header, else host), validated; undefined when none is asked for. */
  requested(req: http.IncomingMessage): { namespace?: string; candidates: ReturnType<typeof namespaceCandidates> } {
    const candidates = namespaceCandidates(req.headers, this.settings.domains);
    const namespace = candidates.header ?? candidates.host;
    if (namespace !== undefined && !isValidNamespace(namespace)) {
      throw new MicroError("micro.api", 400, "invalid namespace: use lowercase letters, digits and dashes");
    }
    return { namespace, candidates };
  }

  /** Runs the authorize hook for arbitrary resources of one request (each call returns the namespace it settles
   * on): the namespace asked for and the token, with its cookie-origin check, are settled once, here. */
  admitter(req: http.IncomingMessage): (service: string, endpoint: string) => Promise<string> {
    const { namespace, candidates } = this.requested(req);
    const token = this.token(req);
    return async (service, endpoint) => (await this.authorize({ service, endpoint, namespace, candidates, token, headers: req.headers })).namespace;
  }

  /** The caller's token; one from the micro-token cookie only when the request is same-origin (CSRF). */
  token(req: http.IncomingMessage): string | undefined {
    const credential = credentialOf(req.headers);
    if (credential?.from === "cookie") checkCookieOrigin(req, this.settings.corsOrigins);
    return credential?.token;
  }

  /** `seen.namespace` follows the namespace as it is settled, for the access log of calls that fail. */
  async prepare(req: http.IncomingMessage, method: string, rawPath: string, requestId: string, seen: { namespace: string }): Promise<Call> {
    const { namespace: requested, candidates } = this.requested(req);
    seen.namespace = requested ?? "";
    const token = this.token(req);
    // Routing needs a namespace (for its google.api.http bindings) before the hook settles it: route with the
    // requested one, and once more if the hook picks another (the token's issuer).
    let route = await this.router.route(method, rawPath, requested ?? "micro");
    const ask = (r: Route): AuthorizeRequest => ({ service: r.service, endpoint: r.endpoint, namespace: requested, candidates, token, headers: req.headers });
    let admitted = await this.authorize(ask(route));
    const namespace = admitted.namespace;
    seen.namespace = namespace;
    if (namespace !== (requested ?? "micro")) {
      const again = await this.router.route(method, rawPath, namespace);
      if (again.service !== route.service || again.endpoint !== route.endpoint) {
        route = again;
        admitted = await this.authorize(ask(route));
        if (admitted.namespace !== namespace) throw new MicroError("micro.api", 403, "namespace changed during admission");
      }
    }
    const target = await this.catalog.find(route.service, route.endpoint, namespace);
    return { namespace, route, target, metadata: metadataFrom(req, namespace, requestId, token, admitted.credential, target.verifiesTokens) };
  }

  /** A call to a named endpoint, with no path to route (an MCP tool, runtime/mcp): admitted, targeted and given
   * its metadata exactly as prepare() does for a routed request. */
  async prepareEndpoint(req: http.IncomingMessage, service: string, endpoint: string, requestId: string): Promise<Omit<Call, "route">> {
    const { namespace: requested, candidates } = this.requested(req);
    const token = this.token(req);
    const admitted = await this.authorize({ service, endpoint, namespace: requested, candidates, token, headers: req.headers });
    const target = await this.catalog.find(service, endpoint, admitted.namespace);
    return { namespace: admitted.namespace, target, metadata: metadataFrom(req, admitted.namespace, requestId, token, admitted.credential, target.verifiesTokens) };
  }

  /** The namespace the hook settles on, and the credential it wants sent upstream (an anonymous call's call token). */
  private async authorize(request: AuthorizeRequest): Promise<{ namespace: string; credential?: string }> {
    const result = await this.settings.authorize(request);
    const namespace = typeof result === "string" ? result : result?.namespace;
    if (typeof namespace !== "string" || !isValidNamespace(namespace)) throw new MicroError("micro.api", 500, "authorization returned no valid namespace");
    const credential = typeof result === "object" ? result.credential : undefined;
    return credential ? { namespace, credential } : { namespace };
  }
}
