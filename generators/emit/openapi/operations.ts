// The OpenAPI operations of one endpoint, as Micro's gateway serves it: under its canonical default Micro path a
// GET (request from the query) and a POST (request from a JSON or form body) — for client and bidi streams a GET
// that upgrades to a WebSocket, the only way in (runtime/gateway/websocket.ts) — and one operation per
// google.api.http binding. Server streams answer text/event-stream to a caller that accepts it. Errors are
// Micro's envelope.
import type { MessageModel, MethodModel, StreamingKind } from "../../model/index.js";
import type { RouteVariable } from "../routes/index.js";
import type { SchemaCollector, Schema } from "./json-schema.js";
import { fieldAt, pathParameter, queryParameters, type Parameter } from "./parameters.js";

export type Operation = Record<string, unknown>;
export type SecurityRequirement = Record<string, string[]>;

export interface Endpoint {
  /** Registry service name. */
  service: string;
  /** `ProtoService.Method`. */
  endpoint: string;
  /** Undefined for services that registered no descriptor: their JSON passes through unchecked. */
  method?: MethodModel;
  kind: StreamingKind;
  /** The proto comment (a running service's may be empty: descriptors embedded in code carry none). */
  description?: string;
  security: SecurityRequirement[];
  /** Refused with 429 after repeated failures (the auth builtin's login, runtime/auth/ratelimit.ts). */
  rateLimited: boolean;
  /** Whether the canonical path serves a GET with the request in the query; false leaves only the POST. A
   * WebSocket GET (client and bidi streams) is not concerned. */
  queryGet: boolean;
}

export interface Binding {
  verb: string;
  /** The template with its variables as plain `{field}` (OpenAPI's path templating). */
  path: string;
  variables: readonly RouteVariable[];
  /** "*", "" or a request field path. */
  body: string;
  /** "" or a response field path. */
  responseBody: string;
}

/** Reusable responses and parameters, emitted under `components` only when an operation used them. */
export const ERROR_RESPONSES: Record<string, { name: string; description: string }> = {
  "400": { name: "BadRequest", description: "The request is malformed: a bad path, body or field value (the detail names it), or a streaming endpoint called without SSE or WebSocket." },
  "401": { name: "Unauthorized", description: "No valid token, and the endpoint is not public." },
  "403": { name: "Forbidden", description: "The token's account may not call this endpoint in this namespace." },
  "404": { name: "NotFound", description: "No such service or endpoint in this namespace." },
  "413": { name: "PayloadTooLarge", description: "The request body exceeds the gateway's limit (MICRO_API_MAX_BODY_BYTES)." },
  "429": { name: "TooManyRequests", description: "Too many failed attempts: refused for a while, even with the right secret." },
  "500": { name: "InternalError", description: "The service failed." },
  "503": { name: "Unavailable", description: "No instance of the service is reachable." },
  "504": { name: "Timeout", description: "The service did not answer within the gateway's deadline (MICRO_API_TIMEOUT_MS)." },
};
export const NAMESPACE_PARAMETER = "MicroNamespace";

const VERBS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Operation ids, unique across the document: a clash (names a service could choose) gets a numbered suffix. */
export class OperationIds {
  private readonly used = new Set<string>();
  take(id: string): string {
    let unique = id;
    for (let n = 2; this.used.has(unique); n++) unique = `${id}-${n}`;
    this.used.add(unique);
    return unique;
  }
}

export class OperationBuilder {
  /** Component responses referenced so far, by status. */
  readonly usedResponses = new Set<string>();

  constructor(private readonly schemas: SchemaCollector, private readonly ids: OperationIds) {}

  /**
   * The operations of the canonical default path. Only that path carries them: its aliases (the /service
   * shorthand for Call, the /service/handler/method form, kebab-case spellings) would repeat the operations, and
   * client generators turn each into one more method — or fail on the repeated operationId. They are listed
   * in the description and in `x-micro-aliases` instead.
   */
  defaultOperations(e: Endpoint, aliases: readonly string[]): Record<string, Operation> {
    const also = aliases.length ? { "x-micro-aliases": [...aliases] } : {};
    const aliasNote = aliases.length ? `Also served at ${aliases.map((a) => `\`${a}\``).join(", ")}.` : "";
    const base = `${e.service}.${e.endpoint}`;
    if (e.kind === "client_streaming" || e.kind === "bidi_streaming") {
      return { get: { ...this.webSocket(e, base, aliasNote), ...also } };
    }
    const query = e.method ? queryParameters(e.method.input) : [];
    const get: Operation | undefined = e.queryGet ? {
      ...this.common(e, `${base}.get`, `${e.endpoint} (request from the query)`,
        note(e.description, e.method ? "The request's fields are query parameters: nested fields dotted (`a.b=…`), repeated fields by repeating the key." : "Query parameters are passed on as the request's JSON fields.", streamNote(e.kind), aliasNote)),
      parameters: [...query, this.namespaceParameter()],
      responses: this.responses(e, false, ""),
      ...also,
    } : undefined;
    return {
      ...(get ? { get } : {}),
      post: {
        ...this.common(e, `${base}.post`, e.endpoint, note(e.description, streamNote(e.kind), aliasNote)),
        parameters: [this.namespaceParameter()],
        requestBody: this.requestBody(e.method ? this.schemas.ref(e.method.input) : ANY_OBJECT),
        responses: this.responses(e, true, ""),
        ...also,
      },
    };
  }

  /** One google.api.http binding; undefined for a verb OpenAPI has no place for. */
  bindingOperation(e: Endpoint, binding: Binding, index: number): Operation | undefined {
    if (!VERBS.has(binding.verb)) return undefined;
    const base = `${e.service}.${e.endpoint}.http${index + 1}`;
    const summary = `${e.endpoint} (${binding.verb.toUpperCase()} ${binding.path})`;
    if (e.kind === "client_streaming" || e.kind === "bidi_streaming") {
      return binding.verb === "get" ? this.webSocket(e, base, "", binding) : undefined;
    }
    const input = e.method?.input;
    const vars = binding.variables.map((v) => v.field);
    const query = input && binding.body !== "*" ? queryParameters(input, binding.body ? [...vars, binding.body] : vars) : [];
    const op: Operation = {
      ...this.common(e, base, summary, note(e.description, streamNote(e.kind))),
      parameters: [...binding.variables.map((v) => pathParameter(input, v)), ...query, this.namespaceParameter()],
      responses: this.responses(e, binding.body !== "", binding.responseBody),
    };
    if (binding.body === "*") op.requestBody = this.requestBody(input ? this.schemas.ref(input) : ANY_OBJECT);
    else if (binding.body) {
      const field = input && fieldAt(input, binding.body);
      op.requestBody = this.requestBody(field ? this.schemas.fieldSchema(field) : {});
    }
    return op;
  }

  /** Ids are `<service>.<Service.Method>.<verb>` on the canonical path and `….http<N>` for the Nth binding: stable
   * across restarts, URL-safe, and distinct once a generator camel-cases them into method names. */
  private common(e: Endpoint, id: string, summary: string, description: string): Operation {
    const op: Operation = { operationId: this.ids.take(id), tags: [e.service], summary };
    if (description) op.description = description;
    op.security = e.security;
    if (e.kind !== "unary") op["x-micro-stream"] = e.kind;
    return op;
  }

  private webSocket(e: Endpoint, id: string, aliasNote: string, binding?: Binding): Operation {
    const frames = `Upgrade to a WebSocket: send each request message${this.messageName(e.method?.input)} as a JSON text frame ` +
      "(or protobuf bytes as a binary frame) and an empty frame to end the requests; each response message" +
      `${this.messageName(e.method?.output)} arrives as one frame. The socket closes with 1000 when the call ends, ` +
      "or with 4000 + the error code after a frame carrying Micro's error JSON.";
    const responses: Record<string, unknown> = {
      "101": { description: "Switching Protocols: the call runs over the WebSocket." },
      ...this.errors(e, false, false),
    };
    return {
      ...this.common(e, id, `${e.endpoint} (WebSocket)`, note(e.description, frames, aliasNote)),
      parameters: [
        ...(binding?.variables.map((v) => pathParameter(e.method?.input, v)) ?? []),
        { name: "Upgrade", in: "header", required: true, schema: { type: "string", enum: ["websocket"] } },
        this.namespaceParameter(),
      ],
      responses,
    };
  }

  /** " (a pkg.Message, schema pkg.Message)" for the descriptions of streams, whose frames OpenAPI 3.0 cannot type. */
  private messageName(message: MessageModel | undefined): string {
    if (!message) return "";
    const schema = this.schemas.ref(message);
    return typeof schema.$ref === "string" ? ` (schema \`${message.fullName}\`)` : ` (a \`${message.fullName}\`)`;
  }

  private requestBody(schema: Schema): Operation {
    return {
      required: false,
      description: "The request (an empty body is the empty message). Form fields may be dotted for nested fields.",
      content: { "application/json": { schema }, "application/x-www-form-urlencoded": { schema } },
    };
  }

  private responses(e: Endpoint, body: boolean, responseBody: string): Record<string, unknown> {
    const output = e.method?.output;
    const field = output && responseBody ? fieldAt(output, responseBody) : undefined;
    const schema = !output ? {} : field ? this.schemas.fieldSchema(field) : responseBody ? {} : this.schemas.ref(output);
    const success: Record<string, unknown> = e.kind === "server_streaming"
      ? { "200": { description: `With \`Accept: text/event-stream\`: each response message${this.messageName(field ? undefined : output)} is one \`data:\` event of its JSON; the end of the stream an \`end\` event, a failure an \`error\` event carrying Micro's error JSON.`, content: { "text/event-stream": { schema: { type: "string" } } } } }
      : {
        "200": { description: "The response message.", content: { "application/json": { schema } } },
        ...(responseBody ? {} : { "204": { description: "The response message has no field set." } }),
      };
    return { ...success, ...this.errors(e, body, e.kind === "unary") };
  }

  private errors(e: Endpoint, body: boolean, deadline: boolean): Record<string, unknown> {
    const codes = ["400", "401", "403", "404", ...(body ? ["413"] : []), ...(e.rateLimited ? ["429"] : []), "500", "503", ...(deadline ? ["504"] : [])];
    const out: Record<string, unknown> = {};
    for (const code of codes) {
      this.usedResponses.add(code);
      out[code] = { $ref: `#/components/responses/${ERROR_RESPONSES[code]!.name}` };
    }
    out.default = { $ref: "#/components/responses/Error" };
    return out;
  }

  private namespaceParameter(): Parameter {
    return { $ref: `#/components/parameters/${NAMESPACE_PARAMETER}` };
  }
}

const ANY_OBJECT: Schema = { type: "object", additionalProperties: true };

function streamNote(kind: StreamingKind): string {
  return kind === "server_streaming"
    ? "A server stream: send `Accept: text/event-stream` for Server-Sent Events, or upgrade to a WebSocket (the query is then the request)."
    : "";
}

function note(...parts: (string | undefined)[]): string {
  return parts.filter(Boolean).join("\n\n");
}
