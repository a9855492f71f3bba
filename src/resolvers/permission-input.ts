import { resolvePermissionKeys } from '../engine/knowledge/permission-keys';
import { presetPermissions } from '../engine/knowledge/presets';
import { ResolverError } from './envelope';
import type { RunCheckPayload } from './validate';

/** Aliases (browse, create…) resolve to keys; none given means the defaults a sync needs. */
export function permissionKeys(requested: readonly string[] | undefined): string[] {
  const result = resolvePermissionKeys(requested ?? []);
  if (!result.ok) {
    throw new ResolverError(
      'INVALID_INPUT',
      `Unknown permission: ${result.invalid.slice(0, 3).join(', ')}.`,
    );
  }
  return result.keys;
}

/** A preset's permissions plus any given, like the CLI's --preset with --permissions. */
export function requestedPermissions(
  payload: Pick<RunCheckPayload, 'preset' | 'permissions'>,
): string[] | undefined {
  if (!payload.preset) return payload.permissions;
  return [...presetPermissions(payload.preset), ...(payload.permissions ?? [])];
}
