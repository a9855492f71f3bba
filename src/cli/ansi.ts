export type Style = (text: string) => string;

export interface Palette {
  bold: Style;
  dim: Style;
  red: Style;
  green: Style;
  yellow: Style;
  cyan: Style;
}

const plain: Style = (text) => text;

function sgr(open: number, close: number): Style {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

export function createPalette(enabled: boolean): Palette {
  if (!enabled)
    return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

/** Colour only for a terminal, and never when NO_COLOR is set at all (even empty) or TERM=dumb. */
export function shouldUseColor(
  stream: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (stream.isTTY !== true) return false;
  if (env.NO_COLOR !== undefined) return false;
  return env.TERM !== 'dumb';
}
