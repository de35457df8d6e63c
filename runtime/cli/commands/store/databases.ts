import { Command } from "clipanion";
import { ReadCommand } from "../base.js";

export class StoreDatabasesCommand extends ReadCommand {
  static override paths = [["store", "databases"]];
  static override usage = Command.Usage({
    category: "Store",
    description: "List the databases you can see",
    examples: [["List databases", "$0 store databases"]],
  });

  async execute(): Promise<number> {
    const { Store } = await import("../../../gen/store/store_pb.js");
    const store = await this.session().client(Store);
    const { databases } = await store.databases({});
    const sorted = [...databases].sort();
    if (this.format === "json") this.printJson(sorted);
    else this.print(sorted.join("\n"));
    return 0;
  }
}
