/**
 * The schemes behind a project's screens and fields, derived from what the world says each
 * project's screens hold. A world describes fields per project and issue type; Jira keeps them in
 * schemes that projects share. Two classic projects share a scheme here exactly when what the
 * scheme decides is identical, so a scheme never claims two projects alike that are not:
 *
 * - issue type scheme: the project's issue types;
 * - issue type screen scheme: each issue type's create and edit screen (the field IDs on them);
 * - field configuration scheme: each issue type's required fields; a project whose required
 *   fields are only the system's (summary, issue type, project, reporter, parent) uses the
 *   default scheme, which the mapping lists without a `fieldConfigurationScheme`.
 *
 * Team-managed (`next-gen`) projects have none of these (the mapping endpoints omit them).
 * IDs follow the order projects appear in the world, so they are stable for a given world.
 */
import { editScreenFields } from './issues';
import type { World, WorldIssueType, WorldProject } from './world';

export interface SchemeRef {
  id: string;
  name: string;
  description: string;
}

export interface ProjectSchemes {
  issueTypeScheme: SchemeRef;
  issueTypeScreenScheme: SchemeRef;
  /** null: the default field configuration scheme. */
  fieldConfigurationScheme: SchemeRef | null;
}

/** Fields the system field configuration requires. */
const SYSTEM_REQUIRED = new Set(['summary', 'issuetype', 'project', 'reporter', 'parent']);

const byId = (a: WorldIssueType, b: WorldIssueType) => a.id.localeCompare(b.id);

function issueTypeSignature(project: WorldProject): string {
  return JSON.stringify(project.issueTypes.map((t) => t.id).sort());
}

function screenSignature(project: WorldProject): string {
  return JSON.stringify(
    [...project.issueTypes].sort(byId).map((t) => [
      t.id,
      t.fields.map((f) => f.fieldId).sort(),
      editScreenFields(t)
        .map((f) => f.fieldId)
        .sort(),
    ]),
  );
}

/** null when every required field is one the system requires anyway: the default scheme. */
function fieldConfigurationSignature(project: WorldProject): string | null {
  const required = [...project.issueTypes].sort(byId).map(
    (t) =>
      [
        t.id,
        t.fields
          .filter((f) => f.required)
          .map((f) => f.fieldId)
          .sort(),
      ] as const,
  );
  if (required.every(([, ids]) => ids.every((id) => SYSTEM_REQUIRED.has(id)))) return null;
  return JSON.stringify(required);
}

export function isClassic(project: WorldProject): boolean {
  return project.style !== 'next-gen';
}

/** Worlds declared fixed (`keepSchemesFixed`), with their schemes once derived. */
const fixed = new WeakMap<World, Map<string, ProjectSchemes> | null>();

/**
 * Declares that a world's projects no longer change (the bench's worlds): its schemes are derived
 * once instead of for every mapping request (for 1000 projects ≈ 40–60 ms of the simulator's CPU
 * a request, which a real site does not spend on the caller's clock). A test that edits its world
 * while the simulator runs does not call this.
 */
export function keepSchemesFixed(world: World): void {
  if (!fixed.has(world)) fixed.set(world, null);
}

/** Project ID → its schemes, for every classic project of the world. */
export function projectSchemes(world: World): Map<string, ProjectSchemes> {
  if (!fixed.has(world)) return deriveSchemes(world);
  const known = fixed.get(world) ?? deriveSchemes(world);
  fixed.set(world, known);
  return known;
}

function deriveSchemes(world: World): Map<string, ProjectSchemes> {
  const assigned = {
    types: new Map<string, SchemeRef>(),
    screens: new Map<string, SchemeRef>(),
    fields: new Map<string, SchemeRef>(),
  };
  const ref = (
    table: Map<string, SchemeRef>,
    signature: string,
    firstId: number,
    name: (n: number) => string,
  ): SchemeRef => {
    let found = table.get(signature);
    if (!found) {
      const id = String(firstId + table.size);
      found = { id, name: name(table.size + 1), description: '' };
      table.set(signature, found);
    }
    return found;
  };
  const out = new Map<string, ProjectSchemes>();
  for (const project of world.projects) {
    if (!isClassic(project)) continue;
    const fields = fieldConfigurationSignature(project);
    out.set(project.id, {
      issueTypeScheme: ref(
        assigned.types,
        issueTypeSignature(project),
        10000,
        () => `${project.key}: Issue Type Scheme`,
      ),
      issueTypeScreenScheme: ref(
        assigned.screens,
        screenSignature(project),
        10000,
        () => `${project.key}: Issue Type Screen Scheme`,
      ),
      fieldConfigurationScheme:
        fields === null
          ? null
          : ref(assigned.fields, fields, 10000, () => `${project.key}: Field Configuration Scheme`),
    });
  }
  return out;
}
