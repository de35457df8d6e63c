// Reading and parsing request bodies: bounded by a byte limit (413), decoded strictly as UTF-8 (400), parsed by
// content type — JSON (application/json, or no Content-Type at all), form-urlencoded, multipart/form-data
// (undici's FormData parser, built into Node), and protobuf bytes passed through untouched. Any other type is a
// 415, never read as JSON: text/plain is what a cross-site form or no-cors fetch can send without a preflight.
import type * as http from "node:http";
import { MicroError } from "../rpc/errors.js";
import { addField, FileValue, parseFields, type JsonObject } from "./codec.js";

export type Body =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  /** Form fields: strings (and files) to be shaped by the schema. */
  | { kind: "fields"; value: JsonObject }
  | { kind: "proto"; bytes: Uint8Array };

const PROTO_TYPES = new Set(["application/octet-stream", "application/proto", "application/protobuf", "application/x-protobuf", "application/grpc+proto"]);
const utf8 = new TextDecoder("utf-8", { fatal: true });
/** How much of an oversize body is read and discarded so that the client sees the 413, not a reset. */
const DRAIN_LIMIT = 64 * 1024 * 1024;
const DRAIN_MS = 5000;
const NO_BODY = Buffer.alloc(0);

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

export function isProtoType(contentType: string | undefined): boolean {
  return PROTO_TYPES.has(mediaType(contentType));
}

/** The whole body, or a 413 once it passes `limit` (after draining what the client still sends). */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  // no Content-Length above 0 and no Transfer-Encoding: HTTP/1.1 says there is no body (node's parser agrees), so
  // there is nothing to wait for; node discards the empty stream once the answer is sent
  if (!(declared > 0) && req.headers["transfer-encoding"] === undefined) return Promise.resolve(NO_BODY);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = declared > limit;
    const tooLarge = () => new MicroError("micro.api", 413, `request body exceeds the limit of ${limit} bytes`);
    let timer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      req.removeAllListeners("data");
      fn();
    };
    if (over) timer = setTimeout(() => finish(() => reject(tooLarge())), DRAIN_MS);
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (!over && size > limit) {
        over = true;
        chunks.length = 0;
        timer = setTimeout(() => finish(() => reject(tooLarge())), DRAIN_MS);
      }
      if (over) {
        if (size > DRAIN_LIMIT) finish(() => reject(tooLarge()));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => finish(() => (over ? reject(tooLarge()) : resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))));
    req.on("error", (err) => finish(() => reject(new MicroError("micro.api", 400, `reading the request body failed: ${err.message}`))));
  });
}

export async function parseBody(bytes: Buffer, contentType: string | undefined): Promise<Body> {
  const type = mediaType(contentType);
  if (PROTO_TYPES.has(type)) return { kind: "proto", bytes };
  if (bytes.length === 0) return { kind: "none" };
  if (type === "application/x-www-form-urlencoded") return { kind: "fields", value: parseFields(decodeUtf8(bytes)) };
  if (type === "multipart/form-data") return { kind: "fields", value: await parseMultipart(bytes, contentType!) };
  if (type !== "application/json" && type !== "") throw unsupported(type);
  const text = decodeUtf8(bytes);
  if (text.trim() === "") return { kind: "none" };
  try {
    return { kind: "json", value: JSON.parse(text) };
  } catch (err) {
    throw new MicroError("micro.api", 400, `invalid JSON body: ${(err as Error).message}`);
  }
}

/** The 415 for a body of a type the gateway does not read. */
export function unsupported(type: string): MicroError {
  const shown = type.replace(/[^\x21-\x7e]/g, "?").slice(0, 100);
  return new MicroError("micro.api", 415, `unsupported Content-Type ${shown}: send application/json, ` +
    `application/x-www-form-urlencoded, multipart/form-data or protobuf (${[...PROTO_TYPES].join(", ")})`);
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new MicroError("micro.api", 400, "request body is not valid UTF-8");
  }
}

async function parseMultipart(bytes: Buffer, contentType: string): Promise<JsonObject> {
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  } catch (err) {
    throw new MicroError("micro.api", 400, `invalid multipart/form-data body: ${(err as Error).message}`);
  }
  const out: JsonObject = {};
  for (const [key, value] of form) {
    addField(out, key, typeof value === "string" ? value : new FileValue(new Uint8Array(await value.arrayBuffer())));
  }
  return out;
}
