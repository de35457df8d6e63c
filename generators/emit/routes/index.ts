export { emitRoutes, routeTableFileName } from "./emit-routes.js";
export {
  buildRouteTable, defaultRoute, RouteError, ROUTE_TABLE_FORMAT, type Route, type RouteTableOptions, type RouteTable, type RouteVariable,
} from "./route-table.js";
