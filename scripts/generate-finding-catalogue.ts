/**
 * `npm run generate:findings`: writes, from the finding catalogue (src/engine/findings/catalogue/),
 * src/engine/model/finding-codes.generated.ts (`FindingCode`), the enum of finding codes in
 * schema/report.schema.json and the finding table of the docs (between the markers of
 * scripts/finding-catalogue-outputs.ts). test/engine/finding-catalogue.test.ts fails when a
 * committed file differs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FINDING_CATALOGUE } from '../src/engine/findings/catalogue';
import { REPO_ROOT, findingCatalogueOutputs } from './finding-catalogue-outputs';

function main(): void {
  for (const file of findingCatalogueOutputs(FINDING_CATALOGUE)) {
    const full = path.join(REPO_ROOT, file.path);
    const changed = fs.readFileSync(full, 'utf8') !== file.content;
    if (changed) fs.writeFileSync(full, file.content);
    process.stdout.write(`${changed ? 'wrote' : 'unchanged'} ${file.path}\n`);
  }
  process.stdout.write(`${Object.keys(FINDING_CATALOGUE).length} finding codes\n`);
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
}
