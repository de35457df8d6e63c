// The registry conformance suite on the in-memory registry (sweeping often, so expiry shows quickly).
import { MemoryRegistry } from "../../runtime/registry/memory.js";
import { conformance } from "./conformance.js";

conformance("memory", async () => {
  const registry = new MemoryRegistry(50);
  return { impl: registry, close: async () => registry.close() };
});
