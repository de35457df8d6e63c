// What a service author imports: the framework, the error helpers and the logger.
export { Service, type ServiceOptions } from "./service.js";
export { readEnv, type MicroEnv } from "./env.js";
export { logger, createLogger, type Logger } from "./logger.js";
export { store, blobs, config, events, broker, platformClients, type PlatformClients } from "./primitives.js";
export {
  MicroError, BadRequest, Unauthorized, Forbidden, NotFound, Conflict, InternalServerError, Timeout,
  defineService, createClient, createGrpcTransport,
  type HandlerContext, type CallOptions, type ServiceDef, type ServiceImpl, type ServiceClient,
} from "../rpc/index.js";
export const VERSION = "0.1.0";
