// The gRPC side of a session, loaded only when a command actually calls something: the transport (node:http2,
// see h2-transport.ts for why not grpc-js) is imported here lazily so that `micro env`, `micro --help` and
// friends start fast.
import type { Metadata, Transport } from "../../rpc/types.js";
import { CliError, ExitCode, isConnectFailure } from "../errors.js";

type H2TransportModule = typeof import("./h2-transport.js");
let h2Module: H2TransportModule | undefined;

async function h2(): Promise<H2TransportModule> {
  h2Module ??= await import("./h2-transport.js");
  return h2Module;
}

/** Unary calls get this deadline unless the command sets one; streams run until they end. */
export const DEFAULT_UNARY_TIMEOUT_MS = 30_000;

/** A transport to the proxy at `address`; `metadata` is asked for before every call. */
export async function proxyTransport(address: string, metadata: () => Promise<Metadata>): Promise<Transport> {
  const { createH2Transport } = await h2();
  const inner = createH2Transport({ address, metadata });
  return diagnoseConnectFailures(inner, address);
}

/** Closes every channel the process opened, so that it can exit. */
export function closeConnections(): void {
  h2Module?.closeH2Sessions();
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
