export { emitCli, cliTableFileName } from "./emit-cli.js";
export { buildCliTable, CLI_TABLE_FORMAT, type CliTable, type CliCommand, type CliTableOptions } from "./cli-table.js";
export { flattenFlags, MAX_FLAG_DEPTH, type CliFlag, type FlagType } from "./flags.js";
export { commandWords, primaryService, sameWord, type CommandWords, type Registration } from "./words.js";
