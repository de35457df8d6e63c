// The base of every `micro` command: the global --env flag, a lazily opened session, printing helpers; and for
// read commands, --output text|table|json. Commands import heavy modules inside execute(), never at the top.
import { Command, Option } from "clipanion";
import type { MicroContext } from "../context.js";
import { Session } from "../session/session.js";
import { createStyle, type Style } from "../output/style.js";
import { parseOutputFormat, toPrettyJson, type OutputFormat } from "../output/format.js";

export abstract class MicroCommand extends Command<MicroContext> {
  env = Option.String("--env", { description: "Environment to use for this command (default: the current one, or MICRO_ENV)" });

  private opened?: Session;

  /** The environment this command runs against, its namespace, account and transports. */
  protected session(): Session {
    this.opened ??= new Session(this.context, this.env);
    return this.opened;
  }

  protected get style(): Style {
    return createStyle(this.context.colors);
  }

  protected print(text: string): void {
    this.context.stdout.write(text.endsWith("\n") || text === "" ? text : text + "\n");
  }

  /** Progress and confirmations go to stderr, so stdout stays clean for `$(micro ...)`. */
  protected note(text: string): void {
    this.context.stderr.write(text + "\n");
  }
}

export abstract class ReadCommand extends MicroCommand {
  output = Option.String("--output,-o", { description: "Output format: text (default), table or json" });

  protected get format(): OutputFormat {
    return parseOutputFormat(this.output);
  }

  protected printJson(value: unknown): void {
    this.print(toPrettyJson(value));
  }
}
