export type { Runtime, RunSpec, ServiceState, ServiceStatus, LogLine, LogQuery } from "./types.js";
export { STATUS_CODES } from "./types.js";
export { LocalRuntime, type LocalRuntimeOptions } from "./local.js";
export { runtimeHandler, sourceHandler, buildHandler, toProtoService } from "./handler.js";
export { LogFile } from "./log-file.js";
