// The gRPC side of a session, loaded only when a command actually calls something: grpc-js and the transport
// are imported here lazily so that `micro env`, `micro --help` and friends start fast.
import type { Metadata, Transport } from "../../rpc/types.js";
import { CliError, ExitCode, isConnectFailure } from "../errors.js";

type GrpcTransportModule = typeof import("../../rpc/grpc-transport.js");
let grpcModule: GrpcTransportModule | undefined;

async function grpc(): Promise<GrpcTransportModule> {
  grpcModule ??= await import("../../rpc/grpc-transport.js");
  return grpcModule;
}

/** Unary calls get this deadline unless the command sets one; streams run until they end. */
export const DEFAULT_UNARY_TIMEOUT_MS = 30_000;

/** A transport to the proxy at `address`; `metadata` is asked for before every call. */
export async function proxyTransport(address: string, metadata: () => Promise<Metadata>): Promise<Transport> {
  const { createGrpcTransport } = await grpc();
  const inner = createGrpcTransport({ address, metadata });
  return diagnoseConnectFailures(inner, address);
}

/** Closes every channel the process opened, so that it can exit. */
export function closeConnections(): void {
  grpcModule?.closeChannels();
}

function diagnoseConnectFailures(t: Transport, address: string): Transport {
  const translate = (err: unknown) =>
    isConnectFailure(err) ? new CliError(`Failed to connect to micro server at ${address}`, ExitCode.unreachable) : err;
  return {
    async unary(method, request, options) {
      try {
        return await t.unary(method, request, { ...options, timeoutMs: options.timeoutMs ?? DEFAULT_UNARY_TIMEOUT_MS });
      } catch (err) {
        throw translate(err);
      }
    },
    async *stream(method, requests, options) {
      try {
        yield* t.stream(method, requests, options);
      } catch (err) {
        throw translate(err);
      }
    },
  };
}
