// Exit codes scripts can rely on, and the one readable line printed for any failure (never a stack trace).
// Micro errors are recognised by shape, so this module does not load grpc-js.

/** Micro 3.0's CLI codes where it has them (cmd/cli/util CliError), 1 for everything else. */
export const ExitCode = {
  ok: 0,
  /** Usage mistakes, failed calls, timeouts ("Request timed out"). */
  failure: 1,
  /** 401/403: "Not authorized to perform this request", or the refusal's detail. */
  unauthorized: 2,
  /** Malformed endpoint name, or an endpoint the service does not have. */
  badMethod: 3,
  /** Cannot reach the server, or no such service. */
  unreachable: 4,
} as const;

/** A failure the CLI itself diagnosed: its message is what the user sees. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = ExitCode.failure) {
    super(message);
    this.name = "CliError";
  }
}

export interface Failure { message: string; exitCode: number }

interface MicroErrorLike { id: string; code: number; detail: string }

function isMicroError(err: unknown): err is MicroErrorLike {
  const e = err as Partial<MicroErrorLike> | null;
  return typeof e === "object" && e !== null && typeof e.code === "number" && typeof e.detail === "string";
}

/** grpc-js reports a dead or unreachable address with these in the status details. */
const CONNECT_FAILURE = /No connection established|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|Connection dropped|Failed to connect|[Nn]ame resolution failed|DNS resolution failed/i;

export function isConnectFailure(err: unknown): boolean {
  return isMicroError(err) && (err.code === 503 || err.code === 500) && CONNECT_FAILURE.test(err.detail);
}

/** What to print and which code to exit with, for anything a command may throw. */
export function describeFailure(failure: unknown): Failure {
  if (failure instanceof CliError) return { message: failure.message, exitCode: failure.exitCode };
  const err = unwrapEnvelope(failure);
  if (isMicroError(err)) {
    switch (err.code) {
      case 401: return { message: "Not authorized to perform this request", exitCode: ExitCode.unauthorized };
      case 403: return { message: err.detail || "Forbidden", exitCode: ExitCode.unauthorized };
      case 408: return { message: "Request timed out", exitCode: ExitCode.failure };
      case 501: return { message: err.detail, exitCode: ExitCode.badMethod };
    }
    if (err.code === 404 && err.id === "micro.proxy") return { message: err.detail, exitCode: ExitCode.unreachable };
    return { message: oneLine(err.detail) || `error ${err.code}`, exitCode: ExitCode.failure };
  }
  // clipanion's UsageError and friends, validation failures, file system errors: the message alone
  const message = err instanceof Error ? err.message : String(err);
  return { message: oneLine(message) || "unknown error", exitCode: ExitCode.failure };
}

/**
 * A Micro error whose detail is still the percent-encoded JSON envelope (grpc-js decodes grpc-message with
 * decodeURI, which leaves %3A and %2C alone): the envelope inside is the real error.
 */
function unwrapEnvelope(err: unknown): unknown {
  if (!isMicroError(err) || !err.detail.startsWith("{") || !err.detail.includes("%")) return err;
  try {
    const inner = JSON.parse(decodeURIComponent(err.detail)) as unknown;
    return isMicroError(inner) ? inner : err;
  } catch {
    return err;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
