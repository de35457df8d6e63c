// The HTTP API gateway. Placeholder: answers GET / with the version; the full HTTP→gRPC gateway replaces it.
import * as http from "node:http";
import type { Registry } from "../registry/types.js";
import type { Resolver } from "../proxy/resolver.js";

export interface GatewayOptions {
  registry: Registry;
  resolver: Resolver;
  version: string;
}

export function createGateway(options: GatewayOptions): http.Server {
  return http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.url === "/" && req.method === "GET") return send(200, { version: options.version });
    send(404, { id: "micro.api", code: 404, detail: `not found: ${req.url}`, status: "Not Found" });
  });
}
