// What every Runtime checks before it takes a service: one rule for the local and the kubernetes runtime.
import { MicroError } from "../rpc/errors.js";
import type { RunSpec } from "./types.js";

/** A DNS label: it names processes, folders and Kubernetes objects alike. */
const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Throws a 400 naming what is wrong with `spec`. */
export function checkRunSpec(spec: RunSpec): void {
  if (!NAME.test(spec.name)) throw new MicroError("runtime", 400, `invalid service name "${spec.name}": lowercase letters, digits and dashes`);
  if (!spec.source) throw new MicroError("runtime", 400, "source is required");
}
