/**
 * JSON representations of world objects, shaped after the spec's response schemas. Fields the
 * schemas do not declare are left out even where real Jira sends them (the conformance tests
 * validate against the spec with additionalProperties as declared).
 */
import { PRODUCT_NAMES } from './catalogue';
import type { Caller } from './permissions';
import {
  findGroup,
  siteOptions,
  siteRoles,
  type World,
  type WorldField,
  type WorldIssueType,
  type WorldProject,
  type WorldProjectCategory,
  type WorldUser,
} from './world';

export type Json = Record<string, unknown>;

/** Jira's timestamp format, e.g. 2020-03-31T16:43:50.000+0000 (offset without a colon). */
export function jiraDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

export function avatarUrls(
  base: string,
  kind: 'user' | 'project',
  id: string,
): Record<string, string> {
  const path =
    kind === 'user'
      ? `${base}/secure/useravatar?accountId=${encodeURIComponent(id)}`
      : `${base}/secure/projectavatar?pid=${encodeURIComponent(id)}`;
  return {
    '48x48': `${path}&size=large`,
    '24x24': `${path}&size=small`,
    '16x16': `${path}&size=xsmall`,
    '32x32': `${path}&size=medium`,
  };
}

export function groupJson(world: World, base: string, name: string): Json {
  const group = findGroup(world, name);
  const out: Json = { name };
  if (group) {
    out.groupId = group.groupId;
    out.self = `${base}/rest/api/3/group?groupId=${encodeURIComponent(group.groupId)}`;
  }
  return out;
}

function emailFor(
  world: World,
  user: WorldUser,
  viewer: Caller,
): { show: boolean; asNull: boolean } {
  if (user.emailVisible) return { show: true, asNull: false };
  const options = siteOptions(world);
  const self = viewer.kind === 'user' && viewer.user.accountId === user.accountId;
  if (self && options.hiddenEmailVisibleToSelf) return { show: true, asNull: false };
  return { show: false, asNull: options.hiddenEmailAs === 'null' };
}

export interface UserJsonOptions {
  viewer: Caller;
  /** Include `groups` / `applicationRoles` wrappers (as /myself and /user do); items only when expanded. */
  withLists?: boolean;
  expand?: readonly string[];
}

export function userJson(world: World, base: string, user: WorldUser, opts: UserJsonOptions): Json {
  const out: Json = {
    self: `${base}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: user.accountType,
  };
  if (user.accountType === 'app' && user.appType) out.appType = user.appType;
  const email = emailFor(world, user, opts.viewer);
  if (email.show) out.emailAddress = user.email;
  else if (email.asNull) out.emailAddress = null;
  out.avatarUrls = avatarUrls(base, 'user', user.accountId);
  out.displayName = user.displayName;
  out.active = user.active;
  out.timeZone = user.timeZone ?? 'Etc/UTC';
  out.locale = user.locale ?? 'en_US';
  if (opts.withLists) {
    const expand = opts.expand ?? [];
    const groups = [...user.groups].sort();
    out.groups = {
      size: groups.length,
      items: expand.includes('groups') ? groups.map((g) => groupJson(world, base, g)) : [],
    };
    out.applicationRoles = {
      size: user.applicationRoles.length,
      items: expand.includes('applicationRoles')
        ? user.applicationRoles.map((key) => ({ key, name: PRODUCT_NAMES[key] ?? key }))
        : [],
    };
    out.expand = 'groups,applicationRoles';
  }
  return out;
}

export function issueTypeJson(base: string, type: WorldIssueType): Json {
  return {
    self: `${base}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description ?? '',
    iconUrl: `${base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10300?size=medium`,
    name: type.name,
    subtask: type.subtask ?? false,
    hierarchyLevel: type.hierarchyLevel ?? (type.subtask ? -1 : 0),
  };
}

/**
 * A field's metadata as createmeta and editmeta list it (`FieldMetadata`). Createmeta's
 * `FieldCreateMetadata` also carries `fieldId` (next to `key`); editmeta's entries do not.
 */
export function fieldMetaJson(f: WorldField, withFieldId: boolean): Json {
  return {
    required: f.required,
    schema: f.schema,
    name: f.name,
    key: f.fieldId,
    ...(withFieldId ? { fieldId: f.fieldId } : {}),
    hasDefaultValue: f.hasDefaultValue ?? false,
    operations: f.operations ?? ['set'],
    ...(f.allowedValues ? { allowedValues: f.allowedValues } : {}),
  };
}

export interface ProjectJsonOptions {
  viewer: Caller;
  /** The full representation of GET /project/{key} (description, lead, issue types, roles…). */
  full?: boolean;
  expand?: readonly string[];
}

export function projectJson(
  world: World,
  base: string,
  project: WorldProject,
  opts: ProjectJsonOptions,
): Json {
  const expand = opts.expand ?? [];
  const out: Json = {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${base}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    avatarUrls: avatarUrls(base, 'project', project.id),
    projectTypeKey: project.projectTypeKey,
    simplified: project.style === 'next-gen',
    style: project.style ?? 'classic',
    isPrivate: false,
    properties: {},
  };
  // Documented Project fields; present only for retired projects (the dates are not modelled).
  if (project.status === 'archived') out.archived = true;
  if (project.status === 'deleted') out.deleted = true;
  const category = world.projectCategories?.find((c) => c.id === project.categoryId);
  if (category) out.projectCategory = projectCategoryJson(base, category);
  if (opts.full || expand.includes('description')) out.description = project.description ?? '';
  if (opts.full || expand.includes('lead')) {
    const lead = world.users.find((u) => u.accountId === project.lead);
    if (lead) out.lead = userJson(world, base, lead, { viewer: opts.viewer });
  }
  if (opts.full || expand.includes('issueTypes')) {
    out.issueTypes = project.issueTypes.map((t) => issueTypeJson(base, t));
  }
  if (opts.full) {
    out.components = [];
    out.assigneeType = 'UNASSIGNED';
    out.versions = [];
    out.roles = roleLinks(world, base, project);
  }
  return out;
}

/** A ProjectCategory as the spec's example shows it. */
export function projectCategoryJson(base: string, category: WorldProjectCategory): Json {
  return {
    self: `${base}/rest/api/3/projectCategory/${category.id}`,
    id: category.id,
    name: category.name,
    description: category.description ?? '',
  };
}

/** name → self URL of every project role (roles are site-wide on Cloud). */
export function roleLinks(
  world: World,
  base: string,
  project: WorldProject,
): Record<string, string> {
  const links: Record<string, string> = {};
  for (const role of siteRoles(world)) {
    links[role.name] = `${base}/rest/api/3/project/${project.id}/role/${role.id}`;
  }
  return links;
}
