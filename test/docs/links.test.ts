/**
 * The documentation holds together (issue 21): the README stays a front door (at most 8,000
 * characters, opening with the two set-up commands and showing the three screenshots), and every
 * relative link in the README, docs/ and bench/README.md names a file that exists — and, for a
 * link into a Markdown file, a heading that exists there.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const README = path.join(ROOT, 'README.md');
const DOCS = path.join(ROOT, 'docs');

const PAGES = [
  README,
  ...readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join(DOCS, name)),
  path.join(ROOT, 'bench', 'README.md'),
];

const FENCED = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm;

/** The page without code blocks (kept as blank lines, so line numbers stay right). */
function withoutFences(markdown: string): string {
  return markdown.replace(FENCED, (block) => block.replace(/[^\n]/g, ''));
}

/** `[text](target)` and `![alt](target)` outside code, with the line each is on. */
export function links(markdown: string): Array<{ target: string; line: number }> {
  const found: Array<{ target: string; line: number }> = [];
  withoutFences(markdown)
    .split('\n')
    .forEach((text, index) => {
      for (const match of text.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g))
        found.push({ target: match[1]!, line: index + 1 });
    });
  return found;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a Markdown page offers (repeated headings get -1, -2, … as on GitHub). */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const match of withoutFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(match[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

function brokenLinks(file: string): string[] {
  const broken: string[] = [];
  const where = path.relative(ROOT, file);
  for (const { target, line } of links(readFileSync(file, 'utf8'))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, …: not checked offline
    const [filePart, anchor] = target.split('#', 2) as [string, string | undefined];
    const resolved = filePart === '' ? file : path.resolve(path.dirname(file), filePart);
    if (!resolved.startsWith(ROOT + path.sep) && resolved !== ROOT) {
      broken.push(`${where}:${line} ${target} (outside the repository)`);
      continue;
    }
    if (!existsSync(resolved)) {
      broken.push(`${where}:${line} ${target} (no such file)`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md') && statSync(resolved).isFile()) {
      if (!anchors(readFileSync(resolved, 'utf8')).has(anchor))
        broken.push(`${where}:${line} ${target} (no heading)`);
    }
  }
  return broken;
}

describe('documentation', () => {
  it('checks the pages it means to (README, every docs/*.md, bench/README.md)', () => {
    expect(PAGES.filter((page) => !existsSync(page)).map((p) => path.relative(ROOT, p))).toEqual(
      [],
    );
    expect(PAGES.length).toBeGreaterThan(5);
  });

  it('README.md is a front door: at most 8,000 characters', () => {
    const characters = [...readFileSync(README, 'utf8')].length;
    expect({ characters, fits: characters <= 8000 }).toEqual({ characters, fits: true });
  });

  it('README.md opens with its title and the two set-up commands', () => {
    const lines = readFileSync(README, 'utf8').split('\n');
    expect(lines[0]).toBe('# Credential Doctor for Jira');
    expect(lines.slice(2, 6).map((l) => l.replace(/\s+#.*$/, ''))).toEqual([
      '```sh',
      'npm ci && npm start',
      'npm ci && npm test',
      '```',
    ]);
  });

  it('README.md shows the three screenshots, each with alt text', () => {
    const readme = readFileSync(README, 'utf8');
    for (const name of ['credentials-problem', 'permissions-plan', 'dark-theme']) {
      const image = new RegExp(`!\\[([^\\]]{20,})\\]\\(docs/screenshots/${name}\\.png\\)`);
      expect({ name, shown: image.test(readme) }).toEqual({ name, shown: true });
    }
  });

  it.each(PAGES.map((page) => [path.relative(ROOT, page), page] as const))(
    'every relative link in %s resolves',
    (_name, page) => {
      expect(brokenLinks(page)).toEqual([]);
    },
  );

  it('finds links and anchors the way GitHub does (so the checks above can fail)', () => {
    expect(links('see [a](x.md#b) and `[c](d)`\n```\n[e](f)\n```\n![g](h.png)')).toEqual([
      { target: 'x.md#b', line: 1 },
      { target: 'h.png', line: 5 },
    ]);
    expect(slug("Check from the synchronizer's host")).toBe('check-from-the-synchronizers-host');
    expect(slug('schemaVersion policy')).toBe('schemaversion-policy');
    expect(slug('Local demo (`npm start`)')).toBe('local-demo-npm-start');
    expect([...anchors('# A\n## A\n```\n# B\n```\n')]).toEqual(['a', 'a-1']);
  });
});
