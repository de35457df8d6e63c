import { Command } from "clipanion";
import { ReadCommand } from "../base.js";
import { databaseOption } from "./options.js";

export class StoreTablesCommand extends ReadCommand {
  static override paths = [["store", "tables"]];
  static override usage = Command.Usage({
    category: "Store",
    description: "List the tables of a database",
    examples: [["Tables of your namespace's database", "$0 store tables"], ["Of another database", "$0 store tables --database foo"]],
  });

  database = databaseOption();

  async execute(): Promise<number> {
    const { Store } = await import("../../../gen/store/store_pb.js");
    const store = await this.session().client(Store);
    const { tables } = await store.tables({ database: this.database ?? "" });
    const sorted = [...tables].sort();
    if (this.format === "json") this.printJson(sorted);
    else this.print(sorted.join("\n"));
    return 0;
  }
}
