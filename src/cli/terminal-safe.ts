/**
 * Terminal safety for everything the CLI prints that Jira (or a pasted log) could have written:
 * display names, group and project names, Jira's error messages. A control character in such a
 * value could retitle the terminal (`ESC ] 0 ; … BEL`), move the cursor or erase the verdict line
 * (`ESC [ 2 K`, `CR`), so before printing, in every format:
 *  - line breaks inside a value become a space: a value never starts a line of its own, so it
 *    cannot pose as a line of the report (the renderers' own line breaks are not touched);
 *  - every other C0 control (tab is kept), DEL, every C1 control (U+0080–U+009F; U+009B is a CSI
 *    on some terminals) and the Unicode bidirectional controls are removed.
 */
const LINE_BREAKS = /\r\n|[\n\r\u0085\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is this module's job
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(CONTROLS, '').replace(BIDI, '');
}

/** `terminalSafe` applied to every string (values and keys) of a JSON-like value. */
export function terminalSafeDeep<T>(value: T): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return terminalSafe(node);
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [terminalSafe(k), walk(v)]));
    }
    return node;
  };
  return walk(value) as T;
}
