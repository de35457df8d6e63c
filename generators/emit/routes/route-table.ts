// The gateway route table of one proto file. Routes are listed in match order: every google.api.http binding
// (main rule, then its additional_bindings) before the Micro default routes, so annotations take precedence.
import type { FieldModel, FileModel, MessageModel, MethodModel, StreamingKind } from "../../model/index.js";
import { defaultPaths, escapeRegex, parsePathTemplate, PathTemplateError } from "../../rules/index.js";

export const ROUTE_TABLE_FORMAT = "micro-routes/v1";

export interface RouteTable {
  readonly format: typeof ROUTE_TABLE_FORMAT;
  readonly file: string;
  readonly package: string;
  readonly routes: Route[];
}

export interface Route {
  /** Registry service name. */
  readonly service: string;
  /** Micro endpoint, "Service.Method". */
  readonly endpoint: string;
  /** HTTP method; "*" for any (default routes). */
  readonly method: string;
  /** Path template as written in the annotation, or the literal default path. */
  readonly path: string;
  /** Anchored RegExp source; capture group i holds variables[i]. */
  readonly regex: string;
  readonly variables: RouteVariable[];
  /** "*": the whole request is the body; "": no body (the query string fills the request); else a field. */
  readonly body: string;
  /** JSON name of the body field, when body names one. */
  readonly bodyJson: string;
  /** "": the whole response; else the response field sent as the body. */
  readonly responseBody: string;
  readonly responseBodyJson: string;
  readonly streaming: StreamingKind;
  /** "http" for google.api.http bindings (and their additional_bindings), "default" for Micro's rules. */
  readonly source: "http" | "default";
}

export interface RouteVariable {
  /** Request field path in proto names, e.g. "item.id". */
  readonly field: string;
  /** The same path in JSON names, to set in the request body. */
  readonly jsonPath: string[];
  /** Segments the variable matches, "*" unless the template says otherwise. */
  readonly pattern: string;
}

/** A problem in an annotation, reported as a plugin error naming the file and endpoint. */
export class RouteError extends Error {
  override name = "RouteError";
}

/** What the running platform knows and a proto file does not. */
export interface RouteTableOptions {
  /**
   * The name the service registered under, when it is not the proto-derived one (a service registered as
   * "foobar" implementing proto Helloworld is reached at /foobar/...). Default: each service's registryName.
   */
  readonly registryName?: string;
  /** Only these proto services (full names), e.g. those a registered service lists endpoints of. Default: all. */
  readonly services?: ReadonlySet<string>;
}

export function buildRouteTable(file: FileModel, options: RouteTableOptions = {}): RouteTable {
  const http: Route[] = [];
  const defaults: Route[] = [];
  for (const service of file.services) {
    if (options.services && !options.services.has(service.fullName)) continue;
    const registryName = options.registryName ?? service.registryName;
    for (const method of service.methods) {
      const where = `${file.name}: ${service.fullName}.${method.name}`;
      for (const binding of method.http) {
        let template;
        try {
          template = parsePathTemplate(binding.path);
        } catch (e) {
          if (e instanceof PathTemplateError) throw new RouteError(`${where}: google.api.http: ${e.message}`);
          throw e;
        }
        http.push({
          ...common(registryName, method),
          method: binding.method,
          path: binding.path,
          regex: template.regex,
          variables: template.variables.map((v) => ({
            field: v.field,
            jsonPath: jsonPath(method.input, v.field, where, "path variable"),
            pattern: v.pattern,
          })),
          body: binding.body,
          bodyJson: topLevelJson(method.input, binding.body, where, "body"),
          responseBody: binding.responseBody,
          responseBodyJson: topLevelJson(method.output, binding.responseBody, where, "response_body"),
          source: "http",
        });
      }
      for (const path of defaultPaths(registryName, service.name, method.name)) {
        defaults.push(defaultRoute(common(registryName, method), path));
      }
    }
  }
  return { format: ROUTE_TABLE_FORMAT, file: file.name, package: file.package, routes: [...http, ...defaults] };
}

/** The route of one of an endpoint's default Micro paths: any method, the literal path, the whole request as the
 * body. Services without a descriptor get theirs from here too (runtime/gateway/http-rules.ts). */
export function defaultRoute(endpoint: Pick<Route, "service" | "endpoint" | "streaming">, path: string): Route {
  return {
    service: endpoint.service,
    endpoint: endpoint.endpoint,
    streaming: endpoint.streaming,
    method: "*",
    path,
    regex: `^${escapeRegex(path)}$`,
    variables: [],
    body: "*",
    bodyJson: "",
    responseBody: "",
    responseBodyJson: "",
    source: "default",
  };
}

function common(registryName: string, method: MethodModel) {
  return { service: registryName, endpoint: method.endpoint, streaming: method.streaming };
}

function jsonPath(message: MessageModel, fieldPath: string, where: string, what: string): string[] {
  const out: string[] = [];
  let current: MessageModel | undefined = message;
  for (const name of fieldPath.split(".")) {
    const field: FieldModel | undefined = current?.fields.find((f) => f.name === name);
    if (!field) {
      throw new RouteError(`${where}: google.api.http ${what} "${fieldPath}" is not a field of ${message.fullName}`);
    }
    out.push(field.jsonName);
    current = field.message;
  }
  return out;
}

function topLevelJson(message: MessageModel, field: string, where: string, what: string): string {
  if (field === "" || field === "*") return "";
  const found = message.fields.find((f) => f.name === field);
  if (!found) throw new RouteError(`${where}: google.api.http ${what} "${field}" is not a field of ${message.fullName}`);
  return found.jsonName;
}
