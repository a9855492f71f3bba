import { jiraPath, type JiraClient } from '../port/jira-client';
import {
  assignedSchemeShape,
  permissionSchemeShape,
  projectRoleLinksShape,
  projectRoleShape,
} from '../knowledge/jira-shapes';
import type { RunContext, StepHandle } from '../run/context';
import { send, unexpected } from '../run/send';
import type { Grant, RoleMembers } from './grants';

export interface SchemeData {
  id: number;
  name: string;
  grants: Grant[];
}

/**
 * Reads permission schemes and project roles for explanations. Each distinct scheme is fetched
 * once per run however many projects share it; a project's scheme id and its role list are read
 * in parallel, then the schemes and the role members, so an explanation costs two round trips.
 */
export class SchemeReader {
  private readonly schemes = new Map<number, Promise<SchemeData | null>>();

  constructor(
    private readonly ctx: RunContext,
    private readonly handle: StepHandle,
    private readonly client: JiraClient,
    private readonly who: string,
    /**
     * Data Center / Server: REST v2, and role actors named by `name` (username or group name)
     * with their `type`, as Data Center documents them, instead of Cloud's actorUser/actorGroup.
     */
    private readonly flavour: 'cloud' | 'datacenter' = 'cloud',
  ) {}

  private get base(): string {
    return this.flavour === 'datacenter' ? '/rest/api/2' : '/rest/api/3';
  }

  async project(key: string): Promise<{ scheme: SchemeData; roles: RoleMembers[] } | null> {
    const [schemeId, roleLinks] = await Promise.all([
      this.assignedSchemeId(key),
      this.roleIds(key),
    ]);
    if (schemeId === null || roleLinks === null) return null;
    const [scheme, roles] = await Promise.all([
      this.scheme(schemeId),
      Promise.all(roleLinks.map(({ id }) => this.roleMembers(key, id))),
    ]);
    if (!scheme || roles.some((r) => r === null)) return null;
    return { scheme, roles: roles as RoleMembers[] };
  }

  private async assignedSchemeId(key: string): Promise<number | null> {
    const req = {
      method: 'GET' as const,
      path: this.base + jiraPath`/project/${key}/permissionscheme`,
    };
    const res = await send(this.ctx, this.handle, this.client, req, {
      expect: [200],
      who: this.who,
    });
    if (!res) return null;
    const parsed = assignedSchemeShape.safeParse(res.json);
    return parsed.success
      ? parsed.data.id
      : unexpected(this.ctx, this.handle, req, 'no scheme id in the body');
  }

  private scheme(id: number): Promise<SchemeData | null> {
    let pending = this.schemes.get(id);
    if (!pending) {
      pending = this.fetchScheme(id);
      this.schemes.set(id, pending);
    }
    return pending;
  }

  private async fetchScheme(id: number): Promise<SchemeData | null> {
    const req = {
      method: 'GET' as const,
      path: this.base + jiraPath`/permissionscheme/${id}`,
      query: { expand: 'permissions,user,group,projectRole' },
    };
    const res = await send(this.ctx, this.handle, this.client, req, {
      expect: [200],
      who: this.who,
    });
    if (!res) return null;
    const parsed = permissionSchemeShape.safeParse(res.json);
    if (!parsed.success)
      return unexpected(this.ctx, this.handle, req, 'no permission scheme in the body');
    return {
      id,
      name: parsed.data.name ?? `#${id}`,
      grants: (parsed.data.permissions ?? []).map((p) => ({
        permission: p.permission,
        type: p.holder.type,
        parameter: p.holder.parameter ?? p.holder.value ?? null,
      })),
    };
  }

  private async roleIds(key: string): Promise<Array<{ id: string; name: string }> | null> {
    const req = { method: 'GET' as const, path: this.base + jiraPath`/project/${key}/role` };
    const res = await send(this.ctx, this.handle, this.client, req, {
      expect: [200],
      who: this.who,
    });
    if (!res) return null;
    const parsed = projectRoleLinksShape.safeParse(res.json);
    if (!parsed.success) return unexpected(this.ctx, this.handle, req, 'no role map in the body');
    return Object.entries(parsed.data).flatMap(([name, url]) => {
      const id = /\/role\/(\d+)\/?$/.exec(url)?.[1];
      return id ? [{ id, name }] : [];
    });
  }

  private async roleMembers(key: string, id: string): Promise<RoleMembers | null> {
    const req = {
      method: 'GET' as const,
      path: this.base + jiraPath`/project/${key}/role/${id}`,
    };
    const res = await send(this.ctx, this.handle, this.client, req, {
      expect: [200],
      who: this.who,
    });
    if (!res) return null;
    const parsed = projectRoleShape.safeParse(res.json);
    if (!parsed.success) return unexpected(this.ctx, this.handle, req, 'no role in the body');
    const actors = parsed.data.actors ?? [];
    return {
      id: String(parsed.data.id),
      name: parsed.data.name,
      users: actors.flatMap((a) =>
        a.actorUser
          ? [a.actorUser.accountId]
          : this.flavour === 'datacenter' && a.type === 'atlassian-user-role-actor' && a.name
            ? [a.name]
            : [],
      ),
      groups: actors.flatMap((a) =>
        a.actorGroup?.name
          ? [a.actorGroup.name]
          : this.flavour === 'datacenter' && a.type === 'atlassian-group-role-actor' && a.name
            ? [a.name]
            : [],
      ),
    };
  }
}
