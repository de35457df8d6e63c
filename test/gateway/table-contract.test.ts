// The generated route tables are the gateway's contract. A running `micro server` with services of the fixture
// protos answers GET /.well-known/micro/routes with exactly the golden `<stem>.routes.json` protoc-gen-micro
// writes for the same proto (under the name a service registered, when that is not the proto-derived one; the
// builtins' tables are the goldens of proto/); every
// route of a golden table reaches its endpoint at the gateway; and the paths the gateway serves beyond the
// canonical ones (kebab-case, versioned names, the /service shorthand) are in the table — while a spelling
// Micro's rule would also accept but the table does not list is not served.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DescService } from "@bufbuild/protobuf";
import { buildRouteTable, type Route, type RouteTable } from "../../generators/tables/index.js";
import { loadProtos } from "../../generators/emit/sdk/index.js";
import { MicroError, defineService, type ServiceImpl } from "../../runtime/rpc/index.js";
import { Service } from "../../runtime/service/index.js";
import type { AuthorizeRequest } from "../../runtime/gateway/index.js";
import { withServer } from "../support/server.js";
import { call, helloworld, withGateway, type Handler } from "./harness.js";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const GOLDEN = join(REPO, "fixtures", "golden");
const SHOP_FILE = "acme/shop/v1/shop.proto";

function golden(path: string): RouteTable {
  return JSON.parse(readFileSync(join(GOLDEN, path), "utf8")) as RouteTable;
}
const shopGolden = () => golden("kitchen-sink/routes/acme/shop/v1/shop.routes.json");
const helloGolden = () => golden("helloworld/routes/helloworld.routes.json");

/** The kitchen-sink protos parsed from source, as a service built from them would register them. */
function shopModel() {
  return loadProtos(join(REPO, "fixtures", "kitchen-sink"), [join(REPO, "fixtures", "third_party")]).model;
}

/** Handlers answering every call with the empty message (streams end at once). No `http` option: the gateway
 * must find the bindings in the descriptor the service registers. */
function stubs(): { def: ReturnType<typeof defineService>; impl: ServiceImpl<DescService> }[] {
  return shopModel().services.map((s) => {
    const impl: Record<string, unknown> = {};
    for (const m of s.desc.methods) {
      impl[m.localName] = m.methodKind === "unary" ? () => ({})
        : m.methodKind === "server_streaming" ? async function* () {}
        : m.methodKind === "client_streaming" ? async (reqs: AsyncIterable<unknown>) => { for await (const _ of reqs); return {}; }
        : async function* (reqs: AsyncIterable<unknown>) { for await (const _ of reqs); };
    }
    return { def: defineService(s.desc), impl: impl as ServiceImpl<DescService> };
  });
}

interface Listing { format: string; namespace: string; services: { name: string; source: string; tables: RouteTable[] }[] }

test("a running server lists, for each service, exactly the golden route table of its proto", async () => {
  await withServer(async (server) => {
    const started: Service[] = [];
    const start = async (name: string, handlers: { def: ReturnType<typeof defineService>; impl: ServiceImpl<DescService> }[]) => {
      const account = await server.serviceAccount("micro", name);
      const service = new Service({ name, env: { proxy: server.proxyAddress, namespace: "micro", ...account } });
      for (const h of handlers) service.handle(h.def, h.impl);
      await service.start();
      started.push(service);
    };
    try {
      await start("acme.shop.v1", stubs());
      const hello = helloworld();
      await start("helloworld", [hello as never]);
      await start("foobar", [hello as never]);
      const headers = { authorization: `Bearer ${await server.adminToken()}`, "micro-namespace": "micro" };
      const res = await call(`http://${server.apiAddress}`, "/.well-known/micro/routes", { headers });
      assert.equal(res.status, 200, res.text);
      const listing = res.json as Listing;
      assert.equal(listing.format, "micro-gateway-routes/v1");
      const tableOf = (service: string, file: string) => {
        const entry = listing.services.find((s) => s.name === service);
        assert.ok(entry, `${service} is not listed: ${listing.services.map((s) => s.name).join(", ")}`);
        assert.equal(entry.source, "descriptor");
        const table = entry.tables.find((t) => t.file === file);
        assert.ok(table, `${service} has no table for ${file}: ${entry.tables.map((t) => t.file).join(", ")}`);
        return table;
      };
      assert.deepEqual(tableOf("acme.shop.v1", SHOP_FILE), shopGolden());
      assert.deepEqual(tableOf("helloworld", "helloworld.proto"), helloGolden());
      // registered under another name: the golden table for that name, which buildRouteTable makes from the option
      const foobar = tableOf("foobar", "helloworld.proto");
      const expected = buildRouteTable(loadProtos(join(REPO, "fixtures", "helloworld")).model.files[0]!, { registryName: "foobar" });
      assert.deepEqual(foobar, expected);
      assert.ok(foobar.routes.every((r) => r.service === "foobar"));
      // modulo the name, its handler-form paths are helloworld's
      const handlerForm = (t: RouteTable, name: string) => t.routes.map((r) => r.path).filter((p) => p.startsWith(`/${name}/helloworld/`)).map((p) => p.slice(name.length + 1));
      assert.deepEqual(handlerForm(foobar, "foobar"), handlerForm(helloGolden(), "helloworld"));
      // the builtins too: each registered builtin's table is the golden one of its proto under proto/
      const builtins = readdirSync(join(GOLDEN, "server", "routes"));
      const compared = builtins.filter((name) => listing.services.some((s) => s.name === name));
      for (const name of compared) {
        assert.deepEqual(tableOf(name, `${name}/${name}.proto`), golden(`server/routes/${name}/${name}.routes.json`), name);
      }
      assert.ok(compared.length >= 5, `only ${compared.join(", ")} of ${builtins.join(", ")} are registered`);
      // and the tables route: a binding of the shop and a kebab-case default path answer through the server
      const items = await call(`http://${server.apiAddress}`, "/v1/shelves/s1/items", { headers });
      assert.equal(items.status, 200, items.text);
      assert.deepEqual(items.json, []); // response_body: "items" of the empty reply
      assert.equal((await call(`http://${server.apiAddress}`, "/acme/shop/v1/catalog/list-items?shelfId=s1", { headers })).status, 204);
    } finally {
      for (const s of started) await s.stop().catch(() => undefined);
    }
  });
});

/** A concrete request path for a route: variables filled with sample segments. */
function concrete(route: Route): string {
  return route.path.replace(/\{([^}=]+)(?:=([^}]*))?\}/g, (_, _field: string, pattern?: string) =>
    (pattern ?? "*").split("/").map((seg) => (seg === "**" ? "d/e" : seg === "*" ? "x" : seg)).join("/"));
}

/** The gateway's resolution of each request, seen by the authorize hook; the call itself is then refused. */
async function resolutions(fn: (resolve: (method: string, path: string) => Promise<{ service: string; endpoint: string } | number>) => Promise<void>, services: [string, Handler[]][]): Promise<void> {
  let seen: AuthorizeRequest | undefined;
  const authorize = async (r: AuthorizeRequest) => {
    if (r.service === "routes") return r.namespace ?? "micro";
    seen = r;
    throw new MicroError("test", 418, "resolved");
  };
  await withGateway(async (h) => {
    for (const [name, handlers] of services) await h.host(name, "micro", handlers);
    await fn(async (method, path) => {
      seen = undefined;
      const res = await call(h.base, path, { method });
      const got = seen as AuthorizeRequest | undefined; // set by the hook while the request ran
      return res.status === 418 && got ? { service: got.service, endpoint: got.endpoint } : res.status;
    });
  }, { authorize });
}

test("every route of a golden table reaches its endpoint at the gateway", async () => {
  const shop = stubs().map((s) => ({ def: s.def, impl: s.impl }) as Handler);
  await resolutions(async (resolve) => {
    for (const table of [shopGolden(), helloGolden()]) {
      for (const route of table.routes) {
        const path = concrete(route);
        for (const method of route.method === "*" ? ["GET", "POST"] : [route.method]) {
          assert.deepEqual(await resolve(method, path), { service: route.service, endpoint: route.endpoint }, `${method} ${path} (${route.source} ${route.path})`);
        }
      }
    }
  }, [["acme.shop.v1", shop], ["helloworld", [helloworld()]]]);
});

test("paths the gateway serves beyond the canonical ones are in the table; spellings it does not list are not served", async () => {
  await resolutions(async (resolve) => {
    const hello = helloGolden();
    const listed = (table: RouteTable, path: string) => table.routes.filter((r) => r.source === "default" && r.path === path).map((r) => r.endpoint);
    // served…
    const samples: [string, string, string][] = [
      ["/helloworld", "helloworld", "Helloworld.Call"], // the /service shorthand
      ["/helloworld/ping-pong", "helloworld", "Helloworld.PingPong"], // kebab-case
      ["/helloworld/helloworld/ping-pong", "helloworld", "Helloworld.PingPong"],
      ["/v1/helloworld/call", "v1.helloworld", "Helloworld.Call"], // a versioned registry name
      ["/v1/helloworld/helloworld/ping-pong", "v1.helloworld", "Helloworld.PingPong"],
    ];
    const versioned = buildRouteTable(loadProtos(join(REPO, "fixtures", "helloworld")).model.files[0]!, { registryName: "v1.helloworld" });
    for (const [path, service, endpoint] of samples) {
      assert.deepEqual(await resolve("GET", path), { service, endpoint }, path);
      // …and listed
      assert.deepEqual(listed(service === "helloworld" ? hello : versioned, path), [endpoint], `${path} is not in the table`);
    }
    // a trailing slash or doubled slash is the same path (Micro's rule ignores empty segments)
    assert.deepEqual(await resolve("GET", "/helloworld/call/"), { service: "helloworld", endpoint: "Helloworld.Call" });
    // spellings Micro's rule would Title-case into an endpoint, but no table lists: not served
    for (const path of ["/helloworld/PingPong", "/helloworld/Call", "/helloworld/ping--pong"]) {
      assert.equal(listed(hello, path).length, 0);
      assert.equal(await resolve("GET", path), 404, path);
    }
  }, [["helloworld", [helloworld()]], ["v1.helloworld", [helloworld()]]]);
});

test("the route listing shows only what the caller may call", async () => {
  const authorize = async (r: AuthorizeRequest) => {
    if (r.service === "routes") return "micro";
    if (r.endpoint !== "Helloworld.Call") throw new MicroError("auth", 403, "no");
    return "micro";
  };
  await withGateway(async (h) => {
    await h.host("helloworld", "micro", [helloworld()]);
    const res = await call(h.base, "/.well-known/micro/routes");
    assert.equal(res.status, 200, res.text);
    const tables = (res.json as Listing).services.flatMap((s) => s.tables);
    assert.deepEqual([...new Set(tables.flatMap((t) => t.routes.map((r) => r.endpoint)))], ["Helloworld.Call"]);
  }, { authorize });
});

