// store.Store over gRPC, in front of any Store. The database defaults to the caller's namespace and only
// platform admins may name another one; the table defaults to "micro" as in Micro 3.0.
import { Store as StoreService } from "../gen/store/store_pb.js";
import { canAccessNamespace, Forbidden, type HandlerContext, type ServiceImpl } from "../rpc/index.js";
import { listOptionsFromWire, readOptionsFromWire, recordInputFromWire, recordToWire } from "./convert.js";
import { ERROR_ID, badRequest } from "./validate.js";
import type { Store } from "./types.js";

/** Keys per ListResponse: at most 1 MiB of keys (1 KiB each), well under gRPC's 4 MiB message limit. */
export const LIST_BATCH = 1000;

export function databaseFor(ctx: Pick<HandlerContext, "namespace" | "account">, requested: string | undefined): string {
  const database = requested || ctx.namespace;
  if (!canAccessNamespace(ctx, database)) throw Forbidden(ERROR_ID, `access to database ${database} denied`);
  return database;
}

export function storeHandler(store: Store): ServiceImpl<typeof StoreService> {
  return {
    async read(req, ctx) {
      const database = databaseFor(ctx, req.options?.database);
      const records = await store.read(req.key, { ...readOptionsFromWire(req.options), database });
      return { records: records.map(recordToWire) };
    },
    async write(req, ctx) {
      if (!req.record) throw badRequest("record is required");
      const database = databaseFor(ctx, req.options?.database);
      await store.write(recordInputFromWire(req.record), { database, table: req.options?.table });
      return {};
    },
    async delete(req, ctx) {
      const database = databaseFor(ctx, req.options?.database);
      await store.delete(req.key, { database, table: req.options?.table });
      return {};
    },
    async *list(req, ctx) {
      const database = databaseFor(ctx, req.options?.database);
      let batch: string[] = [];
      let sent = false;
      for await (const key of store.list({ ...listOptionsFromWire(req.options), database })) {
        batch.push(key);
        if (batch.length < LIST_BATCH) continue;
        yield { keys: batch };
        batch = [];
        sent = true;
      }
      // Micro always answers at least one (possibly empty) message.
      if (batch.length > 0 || !sent) yield { keys: batch };
    },
    async databases(_req, ctx) {
      const databases = await store.databases();
      return { databases: databases.filter((db) => canAccessNamespace(ctx, db)) };
    },
    async tables(req, ctx) {
      return { tables: await store.tables(databaseFor(ctx, req.database)) };
    },
  };
}
