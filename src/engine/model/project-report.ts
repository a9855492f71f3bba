import type { ProjectReport } from './report';

/** A target project before (or without) any answer about it: every fact unknown. */
export function unknownProject(key: string, permissions: readonly string[]): ProjectReport {
  return {
    key,
    id: null,
    name: null,
    type: null,
    visible: null,
    exists: null,
    permissions: Object.fromEntries(permissions.map((p) => [p, null])),
  };
}
