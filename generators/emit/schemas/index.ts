export { buildEndpointSchemas, messageSchema, serviceEndpointSchemas, DEFS_PREFIX, type EndpointSchema, type Schema } from "./endpoint-schemas.js";
