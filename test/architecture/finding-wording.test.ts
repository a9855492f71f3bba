/**
 * Issue 21 item 3: a finding code's wording lives in its one catalogue entry
 * (src/engine/findings/catalogue/). Outside it, no table gives a code its own text: a line whose
 * key is a finding code and whose value is a string (or starts one on the next line) is refused.
 * Code that reads findings by code (`finding.code === 'X'`, a builder per code) is not wording.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FINDING_CODES } from '../../src/engine/model/finding-codes.generated';

const ROOT = path.resolve(__dirname, '../..');
const SOURCES = ['src', 'static/panel/src'];
const CATALOGUE = path.join(ROOT, 'src/engine/findings/catalogue') + path.sep;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const WORDING_BY_CODE = new RegExp(
  `^\\s*['"]?(${FINDING_CODES.join('|')})['"]?\\s*:\\s*(?:['"\`]|$)`,
);

/** Lines of `text` that give a finding code a text of its own, as `file:line: code`. */
export function wordingOutsideCatalogue(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    const match = WORDING_BY_CODE.exec(line);
    return match ? [`${file}:${i + 1}: ${match[1]}`] : [];
  });
}

describe('finding wording lives in the catalogue', () => {
  it('recognises a table of notes by code (the one the panel had before #21)', () => {
    const table = [
      'const PROBLEM_NOTES: Partial<Record<FindingCode, string>> = {',
      "  WRONG_ACCOUNT: 'The token belongs to a different account than the sync user.',",
      '  SCOPED_TOKEN_AT_SITE_URL:',
      "    'A scoped API token only works through the API gateway, not the site URL.',",
      '  \'ACCOUNT_INACTIVE\': "The sync user is deactivated.",',
      '};',
      "if (finding.code === 'WRONG_ACCOUNT') return null;",
      '  CREDENTIALS_REJECTED: () => remedy.credentialsRejected(step, who, false),',
    ].join('\n');
    expect(wordingOutsideCatalogue('derive.ts', table)).toEqual([
      'derive.ts:2: WRONG_ACCOUNT',
      'derive.ts:3: SCOPED_TOKEN_AT_SITE_URL',
      'derive.ts:5: ACCOUNT_INACTIVE',
    ]);
  });

  it('no file of src/ or the panel outside the catalogue words a finding code', () => {
    const found = SOURCES.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => !file.startsWith(CATALOGUE))
      .flatMap((file) =>
        wordingOutsideCatalogue(path.relative(ROOT, file), fs.readFileSync(file, 'utf8')),
      );
    expect(found).toEqual([]);
  });
});
