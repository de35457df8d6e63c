export { emitRoutes, routeTableFileName } from "./emit-routes.js";
export {
  buildRouteTable, RouteError, ROUTE_TABLE_FORMAT, type Route, type RouteTable, type RouteVariable,
} from "./route-table.js";
export { defaultPaths, resolveMicroPath, titleWord, type MicroPathTarget } from "./micro-path.js";
export { parsePathTemplate, PathTemplateError, type PathTemplate, type TemplateVariable } from "./path-template.js";
