import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../schema/report.schema.json';

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Fails the test with every schema error when a report does not match the published JSON Schema. */
export function expectValidReport(report: unknown): void {
  const ok = validate(report);
  if (!ok) {
    throw new Error(
      `Report does not match schema/report.schema.json:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`,
    );
  }
}
