// The `openapi` target: one `<proto stem>.openapi.json` per file that declares services — the document Micro's
// gateway serves at /openapi.json for those services, minus what only a running gateway knows (its URL, the
// namespace's access rules: every operation here asks for a token, as the gateway does unless rules open it).
import type { EmitContext } from "../context.js";
import { printJsonFile } from "../json-file.js";
import type { FileModel } from "../../model/index.js";
import { buildRouteTable } from "../routes/index.js";
import { buildOpenApiDocument, describeApi, type ApiService } from "./document.js";

export function openApiFileName(fileStem: string): string {
  return `${fileStem}.openapi.json`;
}

export function emitOpenApi(ctx: EmitContext): void {
  for (const file of ctx.model.files) {
    if (file.services.length === 0) continue;
    printJsonFile(ctx, openApiFileName(file.stem), buildFileDocument(file));
  }
}

/** The document of one proto file's services, under their proto-derived registry names. */
export function buildFileDocument(file: FileModel): Record<string, unknown> {
  const table = buildRouteTable(file);
  const names = [...new Set(file.services.map((s) => s.registryName))];
  const services: ApiService[] = names.map((name) => {
    const protos = file.services.filter((s) => s.registryName === name);
    const comments = protos.map((s) => s.comments.leading.trim()).filter(Boolean);
    return {
      name,
      description: [`The ${name} service: proto ${protos.map((s) => s.name).join(", ")}.`, ...comments].join("\n\n"),
      endpoints: protos.flatMap((s) => s.methods.map((method) => ({
        service: name, endpoint: method.endpoint, method, streaming: method.streaming,
        description: method.comments.leading.trim(), routes: table.routes.filter((r) => r.service === name && r.endpoint === method.endpoint),
      }))),
    };
  });
  return buildOpenApiDocument({
    title: `${file.package || file.name} (Micro API)`,
    // Micro registers a service as version "latest" unless told otherwise; a versioned package says its own.
    version: /\.(v\d+\w*)$/.exec(file.package)?.[1] ?? "latest",
    description: describeApi(`the services of ${file.name}`),
    server: "/",
    namespaceNote: "the namespace the services run in",
    services,
  });
}
