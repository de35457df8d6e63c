export { emitRoutes, routeTableFileName } from "./emit-routes.js";
export {
  buildRouteTable, RouteError, ROUTE_TABLE_FORMAT, type Route, type RouteTable, type RouteVariable,
} from "./route-table.js";
