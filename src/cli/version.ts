import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Replaced with the package version by the bundler (scripts/cli-package.ts); absent under tsc. */
declare const __CREDENTIAL_DOCTOR_VERSION__: string | undefined;

let version: string | undefined;

/**
 * The bundle carries its version inline (it runs with no package.json beside it); the tsc build
 * and the tests read package.json, which sits two levels above both src/cli and dist/cli.
 */
export function readVersion(): string {
  if (version === undefined) {
    if (typeof __CREDENTIAL_DOCTOR_VERSION__ === 'string') {
      version = __CREDENTIAL_DOCTOR_VERSION__;
    } else {
      const file = path.resolve(__dirname, '..', '..', 'package.json');
      version = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    }
  }
  return version;
}
