import { Command, Option } from "clipanion";

export class ServerCommand extends Command {
  static override paths = [["server"]];
  static override usage = Command.Usage({
    description: "Run the micro server: every builtin service, the gRPC proxy (8081) and the HTTP API gateway (8080)",
    details: "State lives under ~/.micro (MICRO_DATA_DIR overrides). MICRO_PROXY_PORT and MICRO_API_PORT change the ports.",
    examples: [["Start the server", "micro server"]],
  });

  dataDir = Option.String("--data-dir", { description: "Where state is kept (default ~/.micro or MICRO_DATA_DIR)" });

  async execute(): Promise<number> {
    const { startServer } = await import("../../server/server.js");
    const server = await startServer({ dataDir: this.dataDir });
    await new Promise<void>((resolve) => {
      const stop = () => { process.off("SIGINT", stop); process.off("SIGTERM", stop); resolve(); };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    this.context.stdout.write("shutting down\n");
    await server.close();
    return 0;
  }
}
