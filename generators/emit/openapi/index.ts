export { emitOpenApi, openApiFileName, buildFileDocument } from "./emit-openapi.js";
export {
  AUTHENTICATED, buildOpenApiDocument, describeApi,
  type ApiDocumentInput, type ApiEndpoint, type ApiService, type SecurityRequirement,
} from "./document.js";
