import type { SchemeMemory } from '../model/scheme-memory';
import type { CreateRead, CreateScreen } from './steps/create-readiness';
import type { EditRead, EditScreen } from './steps/fields';
import type { ScreenClass } from './sync-plan';

/**
 * Reading and writing the run's memory of shared screens (model/scheme-memory.ts). Only classes
 * of a combination of schemes are carried (a project's own screens are not shared), and only
 * reads that found screens. What does not have the expected shape is read again, never trusted.
 */
type Operation = 'create' | 'edit';

function memoryKey(operation: Operation, cls: ScreenClass, bySyncUser: boolean): string | null {
  if (!cls.id.startsWith('scheme:')) return null;
  return `${operation}|${cls.id}|${bySyncUser ? 'sync' : 'admin'}`;
}

export function recallCreate(
  memory: SchemeMemory | undefined,
  cls: ScreenClass,
  bySyncUser: boolean,
): { rep: string; read: CreateRead } | null {
  const key = memory && memoryKey('create', cls, bySyncUser);
  const found = key ? memory?.reads[key] : undefined;
  if (!found || typeof found.rep !== 'string') return null;
  const read = found.read as Partial<CreateRead> | null;
  if (!read || !Array.isArray(read.screens) || read.screens.length === 0) return null;
  if (!read.screens.every(isCreateScreen)) return null;
  return { rep: found.rep, read: { screens: read.screens, complete: read.complete === true } };
}

export function rememberCreate(
  memory: SchemeMemory | undefined,
  cls: ScreenClass,
  bySyncUser: boolean,
  rep: string,
  read: CreateRead | null,
): void {
  const key = memory && memoryKey('create', cls, bySyncUser);
  if (!memory || !key || !read?.screens.length) return;
  memory.reads[key] = { rep, read: { screens: read.screens, complete: read.complete } };
}

export function recallEdit(
  memory: SchemeMemory | undefined,
  cls: ScreenClass,
  bySyncUser: boolean,
): { rep: string; read: EditRead } | null {
  const key = memory && memoryKey('edit', cls, bySyncUser);
  const found = key ? memory?.reads[key] : undefined;
  if (!found || typeof found.rep !== 'string') return null;
  const read = found.read as { screens?: unknown } | null;
  if (!read || !Array.isArray(read.screens) || read.screens.length === 0) return null;
  const screens: EditScreen[] = [];
  for (const s of read.screens as Array<Record<string, unknown>>) {
    if (
      typeof s['issueType'] !== 'string' ||
      typeof s['issueKey'] !== 'string' ||
      typeof s['project'] !== 'string'
    )
      return null;
    const fields = s['fields'];
    if (fields !== null && !(Array.isArray(fields) && fields.every((f) => typeof f === 'string')))
      return null;
    screens.push({
      issueType: s['issueType'],
      issueKey: s['issueKey'],
      project: s['project'],
      fields: fields === null ? null : new Set(fields as string[]),
    });
  }
  return { rep: found.rep, read: { status: 'read', screens } };
}

export function rememberEdit(
  memory: SchemeMemory | undefined,
  cls: ScreenClass,
  bySyncUser: boolean,
  rep: string,
  read: EditRead,
): void {
  const key = memory && memoryKey('edit', cls, bySyncUser);
  if (!memory || !key || read.status !== 'read' || read.screens.length === 0) return;
  memory.reads[key] = {
    rep,
    read: {
      screens: read.screens.map((s) => ({
        ...s,
        fields: s.fields === null ? null : [...s.fields],
      })),
    },
  };
}

function isCreateScreen(value: unknown): value is CreateScreen {
  const s = value as Partial<CreateScreen> | null;
  return (
    !!s &&
    typeof s.issueType === 'string' &&
    typeof s.issueTypeId === 'string' &&
    Array.isArray(s.fields) &&
    s.fields.every((f) => typeof f?.id === 'string' && typeof f.required === 'boolean')
  );
}
