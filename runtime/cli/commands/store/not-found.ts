// `micro store read KEY` of a key that is not in the table read: say which database and table were read, and
// where the key is instead. Services write to their own table (named after the service, as in Micro 3.0), while
// the CLI reads table micro by default, so "not found" alone sends people looking for a bug that is not there.
import type { ServiceClient } from "../../../rpc/types.js";
import type { Store } from "../../../gen/store/store_pb.js";
import { CliError } from "../../errors.js";

/** Tables looked into for the key, at most: the answer must stay quick on a database with many tables. */
const MAX_TABLES = 50;

export function isNotFound(err: unknown): boolean {
  return (err as { code?: unknown })?.code === 404;
}

export async function notFoundError(store: ServiceClient<typeof Store>, key: string, database: string, table: string): Promise<CliError> {
  const elsewhere = await tablesWithKey(store, key, database, table).catch(() => undefined);
  const where = `not found: key ${key} in database ${database}, table ${table}`;
  if (elsewhere?.length) {
    const more = elsewhere.length > 1 ? ` (also in ${elsewhere.slice(1).join(", ")})` : "";
    return new CliError(`${where}; it is in table ${elsewhere[0]}${more}: micro store read --table ${elsewhere[0]} ${key}`);
  }
  return new CliError(`${where}; services write to their own table, named after the service: try --table <service> (\`micro store tables\` lists them)`);
}

async function tablesWithKey(store: ServiceClient<typeof Store>, key: string, database: string, read: string): Promise<string[]> {
  const { tables } = await store.tables({ database }, { timeoutMs: 2000 });
  const others = tables.filter((t) => t !== read).sort().slice(0, MAX_TABLES);
  const found = await Promise.all(others.map((table) => store.read({ key, options: { database, table } }, { timeoutMs: 2000 }).then(
    ({ records }) => records.length > 0, () => false)));
  return others.filter((_, i) => found[i]);
}
