import fs from 'node:fs';
import path from 'node:path';
import { FINDING_CATALOGUE } from '../../src/engine/findings/catalogue';
import { CONFIGURATION } from '../../src/engine/findings/catalogue/configuration';
import { CONNECTIVITY } from '../../src/engine/findings/catalogue/connectivity';
import { CREDENTIALS } from '../../src/engine/findings/catalogue/credentials';
import { PERMISSIONS } from '../../src/engine/findings/catalogue/permissions';
import { TRANSIENT } from '../../src/engine/findings/catalogue/transient';
import { FINDING_CODES } from '../../src/engine/model/finding-codes.generated';
import {
  REPO_ROOT,
  findingCatalogueOutputs,
  findingTable,
  publicOrder,
} from '../../scripts/finding-catalogue-outputs';

describe('the finding catalogue', () => {
  it('the committed FindingCode list, schema enum and docs table are what the catalogue generates (run `npm run generate:findings` after changing an entry)', () => {
    const outputs = findingCatalogueOutputs(FINDING_CATALOGUE);
    expect(outputs.map((file) => file.path)).toEqual(
      expect.arrayContaining([
        'schema/report.schema.json',
        'src/engine/model/finding-codes.generated.ts',
      ]),
    );
    expect(outputs.some((file) => file.path.endsWith('.md'))).toBe(true);
    for (const file of outputs) {
      expect({
        path: file.path,
        content: fs.readFileSync(path.join(REPO_ROOT, file.path), 'utf8'),
      }).toEqual(file);
    }
  });

  it('has one entry per code, each in the file of its category', () => {
    expect(Object.keys(FINDING_CATALOGUE).sort()).toEqual([...FINDING_CODES].sort());
    const files = { CREDENTIALS, PERMISSIONS, CONFIGURATION, CONNECTIVITY, TRANSIENT };
    for (const [file, entries] of Object.entries(files)) {
      for (const [code, entry] of Object.entries(entries)) {
        expect({ code, category: entry.category }).toEqual({ code, category: file.toLowerCase() });
      }
    }
    const titles = Object.values(FINDING_CATALOGUE).map((entry) => entry.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('keeps the published order, appends new codes and refuses to drop one', () => {
    expect(publicOrder(['B', 'A'], ['A', 'C', 'B'])).toEqual(['B', 'A', 'C']);
    expect(() => publicOrder(['B', 'A'], ['A'])).toThrow(/never removed: B/);
  });

  it('writes a Markdown table whose cells cannot break it', () => {
    const table = findingTable(['X'], {
      X: { category: 'transient', severity: 'error', title: 'x', meaning: 'a | b\nc' },
    });
    expect(table.split('\n')).toEqual([
      '| code | category | severity | meaning |',
      '|---|---|---|---|',
      '| `X` | transient | error | a \\| b c |',
    ]);
  });

  it('names the admin page the panel offers for a code, where there is one', () => {
    const site = 'https://acme.atlassian.net';
    expect(FINDING_CATALOGUE.MISSING_PERMISSION.adminPage?.(site, 'OPS')).toEqual({
      url: `${site}/plugins/servlet/project-config/OPS/permissions`,
      label: 'Open OPS permissions',
    });
    expect(FINDING_CATALOGUE.PROJECT_NOT_VISIBLE.adminPage?.(site, undefined)).toEqual({
      url: `${site}/secure/admin/ViewPermissionSchemes.jspa`,
      label: 'Open permission schemes',
    });
    expect(FINDING_CATALOGUE.CHECKER_NOT_ADMIN.adminPage?.(site, undefined)?.url).toBe(
      `${site}/secure/admin/GlobalPermissions!default.jspa`,
    );
    expect(FINDING_CATALOGUE.RATE_LIMITED.adminPage).toBeUndefined();
  });
});
