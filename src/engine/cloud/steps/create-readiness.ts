import { jiraPath, type JiraClient } from '../../port/jira-client';
import { createMetaFieldsShape, createMetaIssueTypesShape } from '../../knowledge/jira-shapes';
import { remedy } from '../../findings/remedies';
import type { Finding } from '../../model/report';
import type { RunContext, StepHandle } from '../../run/context';
import { send, unexpected } from '../../run/send';

/**
 * Above this many target projects the dry run is skipped: it costs 1 + (issue types) requests per
 * project, and it shares the run's request slots with the checks that decide the verdict.
 */
export const CREATE_READINESS_MAX_PROJECTS = 10;

/** Fields every create sends anyway. */
const ALWAYS_SENT = new Set(['summary', 'issuetype', 'project']);

export interface RequiredFields {
  issueType: string;
  fields: string[];
}

/** One creatable issue type of a project and the fields on its create screen (for the reader). */
export interface CreateScreen {
  issueType: string;
  issueTypeId: string;
  fields: Array<{ id: string; name: string | null; required: boolean; hasDefaultValue: boolean }>;
}

/** Required fields without a default that a create does not send (summary etc. always are). */
export function requiredUnsent(screen: CreateScreen, sent: ReadonlySet<string>): RequiredFields {
  return {
    issueType: screen.issueType,
    fields: screen.fields
      .filter((f) => f.required && !f.hasDefaultValue && !ALWAYS_SENT.has(f.id) && !sent.has(f.id))
      .map((f) => (f.name ? `${f.name} (${f.id})` : f.id)),
  };
}

/** A project's create screens; `complete` false when some issue type's screen could not be read. */
export interface CreateRead {
  screens: CreateScreen[];
  complete: boolean;
}

/**
 * Dry run of a synchronizer's first create, with no issue created: the creatable issue types of
 * a project and the required fields without a default. Cloud's createmeta answer for a caller
 * without Create Issues is not documented (Data Center said 400), so 400, 404 and an empty list
 * all mean "nothing to learn here"; findings are only raised where Create Issues is known held.
 */
export async function readCreateScreens(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  key: string,
  who: string,
): Promise<CreateRead | null> {
  const req = {
    method: 'GET' as const,
    path: jiraPath`/rest/api/3/issue/createmeta/${key}/issuetypes`,
    query: { maxResults: 200 },
    priority: 'low' as const,
  };
  const res = await send(ctx, handle, client, req, {
    expect: [200, 400, 403, 404],
    who,
    advisory: true,
  });
  if (!res || res.status !== 200) return null;
  const parsed = createMetaIssueTypesShape.safeParse(res.json);
  if (!parsed.success) return unexpected(ctx, handle, req, 'no issue types in the body', true);
  const types = (parsed.data.issueTypes ?? []).filter((t) => !t.subtask);
  const perType = await Promise.all(
    types.map(async (type): Promise<CreateScreen | null> => {
      const fieldsReq = {
        method: 'GET' as const,
        path: jiraPath`/rest/api/3/issue/createmeta/${key}/issuetypes/${type.id}`,
        query: { maxResults: 200 },
        priority: 'low' as const,
      };
      const fieldsRes = await send(ctx, handle, client, fieldsReq, {
        expect: [200, 400, 403, 404],
        who,
        advisory: true,
      });
      if (!fieldsRes || fieldsRes.status !== 200) return null;
      const fields = createMetaFieldsShape.safeParse(fieldsRes.json);
      if (!fields.success) return unexpected(ctx, handle, fieldsReq, 'no fields in the body', true);
      return {
        issueType: type.name ?? type.id,
        issueTypeId: type.id,
        fields: (fields.data.fields ?? []).map((f) => ({
          id: f.fieldId,
          name: f.name ?? null,
          required: f.required,
          hasDefaultValue: f.hasDefaultValue === true,
        })),
      };
    }),
  );
  const screens = perType.filter((t): t is CreateScreen => t !== null);
  return { screens, complete: screens.length === perType.length };
}

/**
 * `fieldsGiven`: the synchronizer's fields were named (--fields), so a required field outside
 * them makes its create fail: an error, not a warning.
 */
export function requiredFieldFindings(
  step: string,
  key: string,
  site: string,
  types: readonly RequiredFields[],
  fieldsGiven = false,
): Finding[] {
  return types
    .filter((t) => t.fields.length > 0)
    .map((t) => remedy.requiredFields(step, key, site, t, fieldsGiven));
}
