import { Command, Option } from "clipanion";
import { ReadCommand } from "../base.js";
import { databaseOption, limitOption, offsetOption, order, orderOption, tableOption, unsigned } from "./options.js";

export class StoreListCommand extends ReadCommand {
  static override paths = [["store", "list"]];
  static override usage = Command.Usage({
    category: "Store",
    description: "List keys, one a line",
    examples: [
      ["Every key of the default table", "$0 store list"],
      ["The second page of ten user keys", "$0 store list --prefix user: --limit 10 --offset 10"],
    ],
  });

  database = databaseOption();
  table = tableOption();
  prefix = Option.String("--prefix", { description: "Only keys starting with this" });
  suffix = Option.String("--suffix", { description: "Only keys ending with this" });
  limit = limitOption();
  offset = offsetOption();
  order = orderOption();

  async execute(): Promise<number> {
    const options = {
      database: this.database ?? "", table: this.table ?? "", prefix: this.prefix ?? "", suffix: this.suffix ?? "",
      limit: unsigned(this.limit, "--limit"), offset: unsigned(this.offset, "--offset"), order: order(this.order),
    };
    const { Store } = await import("../../../gen/store/store_pb.js");
    const store = await this.session().client(Store);
    const keys: string[] = [];
    for await (const batch of store.list({ options })) {
      // text output streams: big key spaces start printing at once
      if (this.format === "json") keys.push(...batch.keys);
      else if (batch.keys.length) this.print(batch.keys.join("\n"));
    }
    if (this.format === "json") this.printJson(keys);
    return 0;
  }
}
