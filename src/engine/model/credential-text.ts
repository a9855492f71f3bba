import type { CredentialHygieneIssue } from './input';

/** Why a value cannot be used at all, even after cleaning. */
export type CredentialDefect = 'empty' | 'line-break' | 'control-character' | 'inner-whitespace';

export interface InspectedCredential {
  /** The value with surrounding whitespace, line breaks and quotes removed. */
  value: string;
  /** What was cleaned, for the engine's TOKEN_WHITESPACE finding. */
  issues: CredentialHygieneIssue[];
  /** Set when the cleaned value still cannot be a valid email or token. */
  defect: CredentialDefect | null;
}

export interface InspectOptions {
  /**
   * The value was read from stdin: one trailing line break is what `echo` and here-strings add,
   * so it is removed without counting as a paste problem.
   */
  fromStdin?: boolean;
}

const EDGE_SPACE = /^[\s\u200B\uFEFF]+|[\s\u200B\uFEFF]+$/g;
const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['\u201C', '\u201D'],
  ['\u2018', '\u2019'],
];

/**
 * Cleans a pasted email or API token the way people paste them (trailing newline, stray spaces,
 * quotes copied from a shell or a JSON file) and says what it cleaned. Never logs or echoes it.
 */
export function inspectCredentialText(
  raw: string,
  field: CredentialHygieneIssue['field'],
  options: InspectOptions = {},
): InspectedCredential {
  let text = options.fromStdin ? raw.replace(/\r?\n$/, '') : raw;
  const problems = new Set<CredentialHygieneIssue['problem']>();
  for (let changed = true; changed;) {
    changed = false;
    const edges = (text.match(EDGE_SPACE) ?? []).join('');
    if (edges !== '') {
      problems.add(/[\r\n]/.test(edges) ? 'newline' : 'whitespace');
      text = text.replace(EDGE_SPACE, '');
      changed = true;
    }
    const pair = QUOTE_PAIRS.find(
      ([open, close]) => text.length >= 2 && text.startsWith(open) && text.endsWith(close),
    );
    if (pair) {
      problems.add('quotes');
      text = text.slice(1, -1);
      changed = true;
    }
  }
  return {
    value: text,
    issues: [...problems].map((problem) => ({ field, problem })),
    defect: defectOf(text),
  };
}

function defectOf(value: string): CredentialDefect | null {
  if (value === '') return 'empty';
  if (/[\r\n\u2028\u2029]/.test(value)) return 'line-break';
  if (/[\p{Cc}\p{Cf}]/u.test(value)) return 'control-character';
  if (/\s/.test(value)) return 'inner-whitespace';
  return null;
}
