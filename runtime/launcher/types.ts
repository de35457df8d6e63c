// The runtime primitive: services run from source, in a namespace, supervised, with their logs kept.
export type ServiceStatus = "pending" | "building" | "starting" | "running" | "stopping" | "stopped" | "error";

/** Micro 3.0's runtime.Service.status numbers. */
export const STATUS_CODES: Record<ServiceStatus, number> = {
  pending: 1, building: 2, starting: 3, running: 4, stopping: 5, stopped: 6, error: 7,
};

export interface RunSpec {
  name: string;
  version: string;
  namespace: string;
  /** A local archive id ("upload:<id>"), a git URL (https, ssh, file://, with optional @ref and subdirectory) or a directory. */
  source: string;
  env?: Record<string, string>;
}

export interface ServiceState extends RunSpec {
  status: ServiceStatus;
  error?: string;
  /** What the user should know that is not an error, e.g. where a runtime that does not start services wrote them. */
  note?: string;
  /** Unix ms of the last (re)start. */
  started?: number;
  restarts: number;
  /** The last launch failed before its process started (fetch or build): nothing of it runs. */
  buildFailed?: boolean;
  /** Whether the runtime should keep it running (restored after a server restart). */
  desired: "running" | "stopped";
}

export interface LogLine { timestamp: number; stream: "build" | "stdout" | "stderr" | "system"; message: string }

export interface LogQuery { count?: number; sinceMs?: number; follow?: boolean; signal?: AbortSignal }

export interface Runtime {
  create(spec: RunSpec): Promise<ServiceState>;
  /** Rebuilds from the service's source (or a new one) and replaces the running instance. */
  update(namespace: string, name: string, source?: string): Promise<ServiceState>;
  delete(namespace: string, name: string): Promise<void>;
  list(namespace: string, name?: string): Promise<ServiceState[]>;
  logs(namespace: string, name: string, query: LogQuery): AsyncIterable<LogLine>;
}
