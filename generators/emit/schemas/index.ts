export { buildEndpointSchemas, messageSchema, DEFS_PREFIX, type EndpointSchema, type Schema } from "./endpoint-schemas.js";
