// MCP tool names: stable, and valid for every client we know of — MCP allows [A-Za-z0-9._-]{1,128}, but some
// hosts accept only ^[a-zA-Z0-9_-]{1,64}$, so names are lower-case snake_case words of at most 64 characters.
import { createHash } from "node:crypto";
import { sameWord } from "../../rules/index.js";

export const MAX_TOOL_NAME = 64;

/**
 * `helloworld` + `Helloworld.Call` → "helloworld_call"; `acme.shop.v1` + `Catalog.GetItem` →
 * "acme_shop_v1_catalog_get_item". The proto service's word is left out when it names the registry service, as
 * the CLI's `micro helloworld call` does. A name over 64 characters keeps its first 55 and a hash of the whole.
 */
export function toolName(registryName: string, protoService: string, method: string): string {
  const words = [words_(registryName)];
  if (!sameWord(registryName, protoService)) words.push(words_(protoService));
  words.push(words_(method));
  const name = words.filter(Boolean).join("_") || "tool";
  if (name.length <= MAX_TOOL_NAME) return name;
  const hash = createHash("sha256").update(`${registryName} ${protoService}.${method}`).digest("hex").slice(0, 8);
  return `${name.slice(0, MAX_TOOL_NAME - 9).replace(/_+$/, "")}_${hash}`;
}

/** "GetItem" → "get_item", "HTTPServer" → "http_server", "acme.shop.v1" → "acme_shop_v1". */
function words_(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}
