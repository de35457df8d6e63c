import { Command, Option } from "clipanion";
import { MicroCommand } from "../base.js";
import { parseDuration } from "../../duration.js";
import { databaseOption, tableOption } from "./options.js";

export class StoreWriteCommand extends MicroCommand {
  static override paths = [["store", "write"]];
  static override usage = Command.Usage({
    category: "Store",
    description: "Write a record",
    examples: [
      ["Write a record", "$0 store write user:1 '{\"name\": \"Alice\"}'"],
      ["That expires in an hour", "$0 store write --expiry 1h session:42 token"],
    ],
  });

  key = Option.String({ name: "key" });
  value = Option.String({ name: "value" });
  expiry = Option.String("--expiry", { description: "Delete the record after this long, e.g. 10s, 1h" });
  database = databaseOption();
  table = tableOption();

  async execute(): Promise<number> {
    const expiryNs = this.expiry ? BigInt(Math.round(parseDuration(this.expiry, "--expiry") * 1e6)) : 0n;
    const { Store } = await import("../../../gen/store/store_pb.js");
    const store = await this.session().client(Store);
    await store.write({
      record: { key: this.key, value: Buffer.from(this.value), expiry: expiryNs },
      options: { database: this.database ?? "", table: this.table ?? "" },
    });
    return 0;
  }
}
