// Every builtin command of the `micro` CLI. Add a command class here to make it part of the CLI.
import type { CommandClass } from "clipanion";
import { ServerCommand } from "./server.js";

export const builtinCommands: CommandClass[] = [
  ServerCommand,
];
