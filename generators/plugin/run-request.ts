// Bytes in, bytes out: decode a CodeGeneratorRequest, run protoc-gen-micro, encode the response.
// Input that is not a CodeGeneratorRequest gives a response with `error` set, plus `failure` so the process
// exits non-zero as protoc's plugin convention asks for an unparseable request.
import type { CodeGeneratorRequest, CodeGeneratorResponse } from "@bufbuild/protobuf/wkt";
import { protobuf, wkt } from "../cjs/protobuf.js";
import { createMicroPlugin, describeError, errorResponse } from "./micro-plugin.js";
import { PLUGIN_NAME } from "./version.js";

export interface RunResult {
  readonly response: Uint8Array;
  /** Set when the input could not be read: the process should exit non-zero. */
  readonly failure?: string;
  /** False for error responses, which are not worth caching. */
  readonly cacheable: boolean;
}

export function runRequestBytes(bytes: Uint8Array): RunResult {
  let request: CodeGeneratorRequest;
  try {
    request = decodeRequest(bytes);
  } catch (e) {
    const failure = `cannot read a CodeGeneratorRequest from stdin (${describeError(e)}); ` +
      `${PLUGIN_NAME} is a protoc plugin: run it through protoc --micro_out=DIR or buf generate`;
    return { response: encode(errorResponse(failure)), failure, cacheable: false };
  }
  const response = createMicroPlugin().run(request);
  return { response: encode(response), cacheable: !response.error };
}

function decodeRequest(bytes: Uint8Array): CodeGeneratorRequest {
  const request = protobuf.fromBinary(wkt.CodeGeneratorRequestSchema, bytes);
  // Random bytes often decode "successfully" into unknown fields; a real request has none and names files.
  if (request.$unknown !== undefined && request.$unknown.length > 0) {
    throw new Error("the input has fields a CodeGeneratorRequest does not have");
  }
  if (request.fileToGenerate.length === 0) throw new Error("the request names no file to generate");
  return request;
}

function encode(response: CodeGeneratorResponse): Uint8Array {
  return protobuf.toBinary(wkt.CodeGeneratorResponseSchema, response);
}
