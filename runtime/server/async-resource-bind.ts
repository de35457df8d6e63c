// node 20–23's AsyncResource#bind attaches a deprecated `asyncResource` accessor (DEP0172) to every function it
// returns: two deprecate() wrappers and an ObjectDefineProperties per call. node:http2 binds once per client request,
// so every call the gateway, the proxy and gRPC-Web send upstream pays for it: measured here, a bare node:http2
// client spent 37 µs of CPU per call with it and 25 µs without (docs/performance.md). Node 24 stopped building the
// accessor eagerly and node's main branch removed it (nodejs/node#58618); this gives `micro server`'s process the
// same bind: the function still runs in the resource's async scope with the caller's `this`, and keeps fn's
// length. Only the server installs it (its own process); nothing in it reads the deprecated property.
import { AsyncResource } from "node:async_hooks";

/** Whether this node's bind still attaches the deprecated accessor (then `install` replaces it). */
export function bindAttachesAsyncResource(): boolean {
  const bound = new AsyncResource("micro.probe").bind(() => undefined);
  return Object.getOwnPropertyDescriptor(bound, "asyncResource") !== undefined;
}

export function installLeanAsyncResourceBind(): boolean {
  if (!bindAttachesAsyncResource()) return false;
  AsyncResource.prototype.bind = function bind<Func extends (...args: any[]) => any>(this: AsyncResource, fn: Func, thisArg?: unknown) {
    if (typeof fn !== "function") throw new TypeError(`The "fn" argument must be of type function. Received ${typeof fn}`);
    const resource = this;
    const bound = thisArg === undefined
      ? function (this: unknown, ...args: unknown[]) { return resource.runInAsyncScope(fn, this, ...args); }
      : resource.runInAsyncScope.bind(resource, fn, thisArg);
    Object.defineProperty(bound, "length", { configurable: true, enumerable: false, value: fn.length, writable: false });
    return bound as unknown as Func & { asyncResource: AsyncResource };
  };
  return true;
}
