// A fromJson failure, explained with the path of the offending field ("inner.size", "items[2].id"). protobuf-es
// names the field for most mistakes but not for all (enums, well-known types); this finds it by converting
// field by field — only after a failure, so valid requests pay nothing.
import { fromJson, type DescMessage, type JsonValue, type Registry } from "@bufbuild/protobuf";
import { isPlainObject } from "./fields.js";

export function explainJsonError(desc: DescMessage, json: Record<string, unknown>, registry: Registry | undefined, err: Error): string {
  const path = culprit(desc, json, registry, "");
  return path ? `invalid value for field "${path}": ${err.message}` : err.message;
}

function fails(desc: DescMessage, json: Record<string, unknown>, registry: Registry | undefined): boolean {
  try {
    fromJson(desc, json as JsonValue, { registry, ignoreUnknownFields: false });
    return false;
  } catch {
    return true;
  }
}

/** The deepest field path whose value alone makes conversion fail, or "" when none does on its own. */
function culprit(desc: DescMessage, json: Record<string, unknown>, registry: Registry | undefined, prefix: string): string {
  for (const key of Object.keys(json)) {
    const value = json[key];
    if (!fails(desc, { [key]: value }, registry)) continue;
    const path = prefix + key;
    const field = desc.fields.find((f) => f.name === key || f.jsonName === key);
    if (field?.fieldKind === "message" && isPlainObject(value)) {
      return culprit(field.message, value, registry, path + ".") || path;
    }
    if (field?.fieldKind === "list" && Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        const single = { [key]: [item] };
        if (!fails(desc, single, registry)) continue;
        if (field.listKind === "message" && isPlainObject(item)) return culprit(field.message, item, registry, `${path}[${i}].`) || `${path}[${i}]`;
        return `${path}[${i}]`;
      }
    }
    return path;
  }
  return "";
}
