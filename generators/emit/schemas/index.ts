export { buildEndpointSchemas, messageSchema, serviceEndpointSchemas, DEFS_PREFIX, ONEOF_KEYWORD, type EndpointSchema, type Schema } from "./endpoint-schemas.js";
