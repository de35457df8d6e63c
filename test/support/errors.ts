// Test support: asserting the Micro errors an engine or a handler answers with.
import assert from "node:assert/strict";
import { MicroError } from "../../runtime/rpc/index.js";

/** An assert.rejects predicate: a MicroError with this code whose detail matches. */
export function microError(code: number, detail?: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof MicroError, `expected a MicroError, got ${String(e)}`);
    assert.equal(e.code, code, `code of "${e.detail}"`);
    if (detail) assert.match(e.detail, detail);
    return true;
  };
}
