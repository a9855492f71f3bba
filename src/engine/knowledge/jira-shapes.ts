import { z } from 'zod';

/**
 * The parts of Jira's documented responses that the engine reads. Anything else in a body is
 * ignored; a body without these parts is an UNEXPECTED_RESPONSE, never a guess.
 */

const accountType = z.enum(['atlassian', 'app', 'customer', 'unknown']);

export const userShape = z.object({
  accountId: z.string().min(1),
  accountType: z.string().optional(),
  /** For app accounts: `service` (a service account) or `agent`. */
  appType: z.string().optional(),
  active: z.boolean().optional(),
  displayName: z.string().optional(),
  emailAddress: z.string().nullable().optional(),
  groups: z
    .object({
      items: z
        .array(z.object({ name: z.string().optional(), groupId: z.string().nullable().optional() }))
        .optional(),
    })
    .optional(),
  applicationRoles: z
    .object({
      items: z
        .array(z.object({ key: z.string().optional(), name: z.string().optional() }))
        .optional(),
    })
    .optional(),
});
export type JiraUser = z.infer<typeof userShape>;

export function knownAccountType(value: string | undefined): z.infer<typeof accountType> | null {
  const parsed = accountType.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export const userListShape = z.array(userShape);

export const tenantInfoShape = z.object({ cloudId: z.string().min(1) });

/** `GET /rest/api/3/serverInfo`: only the site's base URL is read. */
export const serverInfoShape = z.object({ baseUrl: z.string().min(1) });

export const projectSearchShape = z.object({
  values: z.array(
    z.object({
      id: z.string().min(1),
      key: z.string().min(1),
      name: z.string().optional(),
      projectTypeKey: z.string().optional(),
      lead: z.object({ accountId: z.string().optional() }).optional(),
    }),
  ),
  isLast: z.boolean().optional(),
  total: z.number().optional(),
});

/**
 * `GET /rest/api/3/project/{key}`: the `Project` schema's lifecycle flags (A1). Their presence is
 * not promised; absent means nothing is known.
 */
export const projectDetailsShape = z.object({
  id: z.string().min(1),
  key: z.string().min(1),
  name: z.string().optional(),
  projectTypeKey: z.string().optional(),
  archived: z.boolean().optional(),
  deleted: z.boolean().optional(),
});

export const bulkPermissionsShape = z.object({
  globalPermissions: z.array(z.string()).optional(),
  projectPermissions: z
    .array(
      z.object({
        permission: z.string(),
        projects: z.array(z.number()).optional(),
        issues: z.array(z.number()).optional(),
      }),
    )
    .optional(),
});

export const myPermissionsShape = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean().optional() })),
});

export const allPermissionsShape = z.object({
  permissions: z.record(
    z.string(),
    z.object({ key: z.string().optional(), type: z.string().optional() }),
  ),
});

export const errorCollectionShape = z.object({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
  message: z.string().optional(),
  /** Jira Cloud's refusal of a Bearer token carries its wording here (C8, docs/jira-behaviour.md). */
  error: z.string().optional(),
});

/**
 * Every human-readable message in a Jira error body (errorMessages, errors, message, error) or
 * the plain text.
 */
export function errorTexts(json: unknown, text: string): string[] {
  const parsed = errorCollectionShape.safeParse(json);
  if (!parsed.success) return text ? [text.slice(0, 500)] : [];
  const out = [...(parsed.data.errorMessages ?? []), ...Object.values(parsed.data.errors ?? {})];
  if (parsed.data.message) out.push(parsed.data.message);
  if (parsed.data.error) out.push(parsed.data.error);
  return out;
}

export const assignedSchemeShape = z.object({ id: z.number(), name: z.string().optional() });

export const permissionSchemeShape = z.object({
  id: z.number(),
  name: z.string().optional(),
  permissions: z
    .array(
      z.object({
        permission: z.string(),
        holder: z.object({
          type: z.string(),
          parameter: z.string().optional(),
          value: z.string().optional(),
        }),
      }),
    )
    .optional(),
});

/** `GET /project/{key}/role`: role name → URL ending in the role id. */
export const projectRoleLinksShape = z.record(z.string(), z.string());

export const projectRoleShape = z.object({
  id: z.number(),
  name: z.string(),
  actors: z
    .array(
      z.object({
        type: z.string().optional(),
        /** Data Center: the username or group name. */
        name: z.string().optional(),
        actorUser: z.object({ accountId: z.string() }).optional(),
        actorGroup: z
          .object({ name: z.string().optional(), groupId: z.string().optional() })
          .optional(),
      }),
    )
    .optional(),
});

export const createMetaIssueTypesShape = z.object({
  issueTypes: z
    .array(
      z.object({ id: z.string(), name: z.string().optional(), subtask: z.boolean().optional() }),
    )
    .optional(),
  total: z.number().optional(),
});

export const createMetaFieldsShape = z.object({
  fields: z
    .array(
      z.object({
        fieldId: z.string(),
        name: z.string().optional(),
        required: z.boolean(),
        hasDefaultValue: z.boolean().optional(),
      }),
    )
    .optional(),
  total: z.number().optional(),
});

/** GET /rest/api/3/field: the site's fields (only id and name are read). */
export const fieldListShape = z.array(z.object({ id: z.string(), name: z.string().optional() }));

/** GET /rest/api/3/issue/{key}/editmeta: the fields on the edit screen, by field ID. */
export const editMetaShape = z.object({
  fields: z.record(z.string(), z.object({ name: z.string().optional() }).passthrough()),
});

/** POST /rest/api/3/search/jql with fields issuetype and security. */
export const issueSearchShape = z.object({
  issues: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      fields: z
        .object({
          project: z.object({ key: z.string().optional() }).optional(),
          issuetype: z
            .object({
              id: z.string().optional(),
              name: z.string().optional(),
              subtask: z.boolean().optional(),
            })
            .optional(),
          security: z
            .object({ id: z.string().optional(), name: z.string().optional() })
            .nullable()
            .optional(),
        })
        .optional(),
    }),
  ),
});

/** POST /rest/api/3/permissions/check, reading the granted issue IDs. */
export const bulkIssueGrantsShape = z.object({
  projectPermissions: z.array(
    z.object({ permission: z.string(), issues: z.array(z.number()).optional() }),
  ),
});

/** A page of a scheme mapping: `isLast` (or `total`) says whether another page follows. */
const mappingPage = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    values: z.array(item),
    isLast: z.boolean().optional(),
    startAt: z.number().optional(),
    total: z.number().optional(),
  });

const schemeRef = z.object({ id: z.string().min(1), name: z.string().optional() });

/** GET /rest/api/3/issuetypescheme/project: issue type schemes and the projects using each. */
export const issueTypeSchemeProjectsShape = mappingPage(
  z.object({ issueTypeScheme: schemeRef, projectIds: z.array(z.string()) }),
);

/** GET /rest/api/3/issuetypescreenscheme/project: issue type screen schemes and their projects. */
export const issueTypeScreenSchemeProjectsShape = mappingPage(
  z.object({ issueTypeScreenScheme: schemeRef, projectIds: z.array(z.string()) }),
);

/**
 * GET /rest/api/3/fieldconfigurationscheme/project: field configuration schemes and their
 * projects; the entry without a scheme lists the projects on the default scheme.
 */
export const fieldConfigurationSchemeProjectsShape = mappingPage(
  z.object({ fieldConfigurationScheme: schemeRef.optional(), projectIds: z.array(z.string()) }),
);

/** GET /rest/api/3/issuesecurityschemes/search?projectId=…: schemes with the projects filtered by. */
export const securitySchemesWithProjectsShape = mappingPage(
  z.object({
    id: z.number(),
    name: z.string().optional(),
    projectIds: z.array(z.number()).optional(),
  }),
);
