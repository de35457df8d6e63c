export { RouteTable, LOCAL_LINK, DEFAULT_METRIC, type Route, type RouteFilter, type RouteEvent } from "./table.js";
export { routerHandler, tableHandler } from "./handler.js";
