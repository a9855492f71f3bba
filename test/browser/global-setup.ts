import { ensurePanelBuilt } from '../../demo/build-panel';

/** Builds the panel once for all browser suites (a no-op when the build is fresh). */
export default async function globalSetup(): Promise<void> {
  await ensurePanelBuilt({ quiet: true });
}
