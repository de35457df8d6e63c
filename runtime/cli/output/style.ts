// Colours, only when the context allows them (a TTY, NO_COLOR unset). The ANSI codes come from node's own
// table (util.inspect.colors) so that nothing here depends on the node version's styleText behaviour.
import { inspect } from "node:util";

export type Color = "bold" | "dim" | "red" | "green" | "yellow" | "cyan" | "underline";

export type Style = Record<Color, (text: string) => string>;

const NAMES: Record<Color, string> = {
  bold: "bold", dim: "dim", red: "red", green: "green", yellow: "yellow", cyan: "cyan", underline: "underline",
};

export function createStyle(enabled: boolean): Style {
  const paint = (color: Color) => (text: string) => {
    const codes = inspect.colors[NAMES[color]];
    return enabled && codes && text ? `\x1b[${codes[0]}m${text}\x1b[${codes[1]}m` : text;
  };
  return Object.fromEntries((Object.keys(NAMES) as Color[]).map((c) => [c, paint(c)])) as Style;
}
