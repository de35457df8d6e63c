export type {
  CallOptions, CallerAccount, HandlerContext, HttpRule, MaybePromise, Metadata, MethodCall, MethodImpl, MethodInfo,
  Reply, ServiceClient, ServiceDef, ServiceImpl, Transport,
} from "./types.js";
export { defineService, methodPath, toServiceDef } from "./define.js";
export { createClient } from "./client.js";
export { createGrpcTransport, closeChannels, type GrpcTransportOptions } from "./grpc-transport.js";
export { RpcServer, type Middleware, type RpcServerOptions, type HandleOptions } from "./server.js";
export {
  MicroError, BadRequest, Unauthorized, Forbidden, NotFound, MethodNotAllowed, Timeout, Conflict, InternalServerError,
  NotImplemented, BadGateway, ServiceUnavailable, GatewayTimeout, type MicroErrorJson,
} from "./errors.js";
export { ADMIN_NAMESPACE, isPlatformAdmin, canAccessNamespace } from "./access.js";
