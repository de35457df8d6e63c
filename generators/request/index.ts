export { buildCodeGeneratorRequest } from "./build-request.js";
