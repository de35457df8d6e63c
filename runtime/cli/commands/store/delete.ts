import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";
import { databaseOption, tableOption } from "./options.js";

export class StoreDeleteCommand extends MicroCommand {
  static override paths = [["store", "delete"]];
  static override usage = Command.Usage({
    category: "Store",
    description: "Delete a record",
    examples: [["Delete a record", "$0 store delete user:1"]],
  });

  key = Option.String({ name: "key" });
  database = databaseOption();
  table = tableOption();

  async execute(): Promise<number> {
    const { Store } = await import("../../../gen/store/store_pb.js");
    const store = await this.session().client(Store);
    await store.delete({ key: this.key, options: { database: this.database ?? "", table: this.table ?? "" } });
    return 0;
  }
}
