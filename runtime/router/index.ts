export { RouteTable } from "./table.js";
export { routerHandler, tableHandler } from "./handler.js";
