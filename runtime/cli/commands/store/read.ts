import { Command, Option } from "clipanion";
import { ReadCommand } from "../base.js";
import { renderTable } from "../../output/format.js";
import { databaseOption, limitOption, offsetOption, order, orderOption, tableOption, unsigned } from "./options.js";

export class StoreReadCommand extends ReadCommand {
  static override paths = [["store", "read"]];
  static override usage = Command.Usage({
    category: "Store",
    description: "Read a record, or every record whose key has a prefix or suffix, and print the values",
    details: "Reads table micro of your namespace's database unless --table and --database say otherwise. Services write to their own table, named after the service (a service helloworld's records: --table helloworld); when a key is not found, the tables that have it are named.",
    examples: [
      ["Read a record", "$0 store read user:1"],
      ["Every key starting with user:", "$0 store read --prefix user: --output table"],
      ["What the helloworld service wrote", "$0 store read --table helloworld S1"],
    ],
  });

  key = Option.String({ name: "key" });
  database = databaseOption();
  table = tableOption();
  prefix = Option.Boolean("--prefix", false, { description: "Read every record whose key starts with KEY" });
  suffix = Option.Boolean("--suffix", false, { description: "Read every record whose key ends with KEY" });
  limit = limitOption();
  offset = offsetOption();
  order = orderOption();

  async execute(): Promise<number> {
    const options = {
      database: this.database ?? "", table: this.table ?? "", prefix: this.prefix, suffix: this.suffix,
      limit: unsigned(this.limit, "--limit"), offset: unsigned(this.offset, "--offset"), order: order(this.order),
    };
    const { Store } = await import("../../../gen/store/store_pb.js");
    const session = this.session();
    const store = await session.client(Store);
    const { records } = await store.read({ key: this.key, options }).catch(async (err: unknown) => {
      const { isNotFound, notFoundError } = await import("./not-found.js");
      // the server reads your namespace's database and table micro when none is named
      if (isNotFound(err)) throw await notFoundError(store, this.key, this.database || session.namespace, this.table || "micro");
      throw err;
    });
    const rows = records.map((r) => ({
      key: r.key,
      value: Buffer.from(r.value).toString("utf8"),
      // the wire's expiry is a time.Duration in nanoseconds: the time left
      expiry: r.expiry > 0n ? `${Math.round(Number(r.expiry) / 1e9)}s` : "",
      metadata: Object.fromEntries(Object.entries(r.metadata).map(([k, f]) => [k, f.value])),
    }));
    if (this.format === "json") this.printJson(rows);
    else if (this.format === "text") this.print(rows.map((r) => r.value).join("\n"));
    else this.print(renderTable(rows, [
      { header: "KEY", value: (r) => r.key },
      { header: "VALUE", value: (r) => r.value },
      { header: "EXPIRY", value: (r) => r.expiry },
    ], { header: true, style: this.style }));
    return 0;
  }
}
