import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import Checkbox from '@atlaskit/checkbox';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Select, { AsyncSelect, CreatableSelect } from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Box, Grid, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { getProject, searchProjects, searchUsers, type JiraProject, type JiraUser } from '../api';
import { resolvePermissionKey } from '@shared/engine/permission-keys';
import {
  PRESET_NAMES,
  PRESETS,
  presetWithPermissions,
  type PresetName,
} from '@shared/engine/presets';
import { DEFAULT_PERMISSIONS, KNOWN_PERMISSIONS, permissionLabel } from '../labels';
import type { RunCheckPayload } from '../types';
import { useDebouncedSearch } from '../useDebouncedSearch';
import { RunProgress } from './RunProgress';

export interface UserOption {
  label: string;
  value: string;
  email?: string;
  detail?: string;
}

/** What the form is set up to check (for the host command and the report import). */
export interface CheckSelection {
  user: UserOption;
  projects: string[];
  permissions: string[];
  /** The preset whose permissions are exactly these, if any. */
  preset: PresetName | null;
  explain: 'missing' | 'all';
}

/** What another tab (the triage) knows about the failing call; `id` changes per request. */
export interface CheckPrefill {
  id: number;
  project: string | null;
  /** An email address seen in the message: chosen only when Jira finds exactly one user. */
  user: string | null;
}

export interface ProjectOption {
  label: string;
  value: string;
}

interface PermissionOption {
  label: string;
  value: string;
}

type PresetChoice = PresetName | 'custom';

interface PresetOption {
  label: string;
  value: PresetChoice;
  description: string;
}

/** The resolver checks at most this many permissions in one run. */
export const MAX_PERMISSIONS = 20;

const PRESET_OPTIONS: readonly PresetOption[] = [
  ...PRESET_NAMES.map((name) => ({
    label: PRESETS[name].title,
    value: name,
    description: PRESETS[name].description,
  })),
  {
    label: 'Custom',
    value: 'custom',
    description: 'The permissions you choose below.',
  },
];

function presetOption(choice: PresetChoice): PresetOption {
  return PRESET_OPTIONS.find((o) => o.value === choice) ?? (PRESET_OPTIONS.at(-1) as PresetOption);
}

function permissionOption(key: string): PermissionOption {
  return { value: key, label: permissionLabel(key) };
}

/** The preset whose permissions are exactly these (in any order), else custom. */
function matchingPreset(keys: readonly string[]): PresetChoice {
  return presetWithPermissions(keys) ?? 'custom';
}

type FieldName = 'user' | 'projects' | 'preset' | 'permissions' | 'email' | 'token';
type Errors = Partial<Record<FieldName, string>>;

const FIELD_IDS: Record<FieldName, string> = {
  user: 'cd-user',
  projects: 'cd-projects',
  preset: 'cd-preset',
  permissions: 'cd-permissions',
  email: 'cd-token-email',
  token: 'cd-token-value',
};

const ACCOUNT_ID = /^(?:[0-9a-f]{24}|\d{5,6}:[0-9a-f-]{36}|qm:[\w:-]{20,})$/i;

const formStyles = xcss({
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.large',
  padding: 'space.200',
  backgroundColor: 'elevation.surface',
});

const twoColumns = xcss({ gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))' });

const presetColumns = xcss({
  gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
  alignItems: 'start',
});

/** Lines the helper text up with the checkbox's label. */
const checkboxHelper = xcss({ paddingInlineStart: 'space.300' });

const reasonsBox = xcss({
  borderRadius: 'radius.medium',
  paddingBlock: 'space.100',
  paddingInline: 'space.150',
  backgroundColor: 'color.background.neutral.subtle.hovered',
});

const REASONS_ID = 'cd-preset-reasons';

/** Why an integration of the chosen kind needs each permission of its preset. */
function PresetReasons({ preset }: { preset: PresetName }) {
  const p = PRESETS[preset];
  return (
    <Box xcss={reasonsBox} testId="preset-reasons">
      <Stack space="space.050">
        <Text as="p" size="small" weight="semibold" id={`${REASONS_ID}-title`}>
          Why each permission is needed
        </Text>
        <ul
          id={REASONS_ID}
          aria-labelledby={`${REASONS_ID}-title`}
          style={{
            margin: 0,
            padding: 0,
            listStyle: 'none',
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
            gap: `${token('space.025', '2px')} ${token('space.200', '16px')}`,
          }}
        >
          {p.permissions.map((permission) => (
            <li
              key={permission.key}
              data-permission={permission.key}
              style={{
                margin: 0,
                font: token('font.body.small', 'normal 400 12px/16px sans-serif'),
                color: token('color.text', '#172B4D'),
              }}
            >
              <strong style={{ fontWeight: token('font.weight.semibold', '600') }}>
                {permissionLabel(permission.key)}
              </strong>
              : {permission.reason}
            </li>
          ))}
        </ul>
      </Stack>
    </Box>
  );
}

const tokenBox = xcss({
  borderRadius: 'radius.medium',
  padding: 'space.150',
  backgroundColor: 'color.background.neutral.subtle.hovered',
});

function userOption(u: JiraUser): UserOption {
  const kind = u.accountType && u.accountType !== 'atlassian' ? u.accountType : null;
  const detail = [
    u.emailAddress,
    kind ? `${kind} account` : null,
    u.active === false ? 'inactive' : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    label: u.displayName || u.accountId,
    value: u.accountId,
    ...(u.emailAddress ? { email: u.emailAddress } : {}),
    detail: detail || u.accountId,
  };
}

function projectOption(p: JiraProject): ProjectOption {
  return { label: `${p.name} (${p.key})`, value: p.key };
}

function Field({
  id,
  label,
  required,
  helper,
  error,
  children,
}: {
  id: string;
  label: string;
  required?: boolean;
  helper?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <Stack space="space.050">
      <Label htmlFor={id} id={`${id}-label`}>
        {label}
        {required && (
          <span aria-hidden="true" style={{ color: token('color.text.danger', '#AE2E24') }}>
            {' '}
            *
          </span>
        )}
      </Label>
      {children}
      {error ? (
        <ErrorMessage testId={`${id}-error`}>
          <span id={`${id}-error`}>{error}</span>
        </ErrorMessage>
      ) : (
        helper && (
          <HelperMessage>
            <span id={`${id}-helper`}>{helper}</span>
          </HelperMessage>
        )
      )}
    </Stack>
  );
}

export function CheckForm({
  lockedProject,
  tokenCheck,
  running,
  onRun,
  onCancel,
  runStartedAt,
  onSelectionChange,
  serverErrors,
  prefill,
}: {
  prefill?: CheckPrefill | null;
  /** What the resolver refused, by field: shown next to the field, the first one focused. */
  serverErrors?: Errors | null;
  /** Told whenever the user, projects or permissions change (null until user and projects are chosen). */
  onSelectionChange?: (selection: CheckSelection | null) => void;
  lockedProject: string | null;
  /** Whether this build takes an API token (the resolver says so; false until it has). */
  tokenCheck: boolean;
  running: boolean;
  runStartedAt: number | null;
  onRun: (payload: RunCheckPayload, user: UserOption) => void;
  onCancel: () => void;
}) {
  const [user, setUser] = useState<UserOption | null>(null);
  const [projects, setProjects] = useState<ProjectOption[]>(
    lockedProject ? [{ label: lockedProject, value: lockedProject }] : [],
  );
  const [permissions, setPermissions] = useState<PermissionOption[]>(() =>
    DEFAULT_PERMISSIONS.map(permissionOption),
  );
  const [preset, setPreset] = useState<PresetChoice>(() => matchingPreset(DEFAULT_PERMISSIONS));
  const [explainAll, setExplainAll] = useState(false);
  const [checkToken, setCheckToken] = useState(false);
  const [email, setEmail] = useState('');
  const [apiToken, setApiToken] = useState('');
  const [viaGateway, setViaGateway] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  useEffect(() => {
    if (!serverErrors) return;
    setErrors((current) => ({ ...current, ...serverErrors }));
    const first = (Object.keys(FIELD_IDS) as FieldName[]).find((k) => serverErrors[k]);
    if (first) document.getElementById(FIELD_IDS[first])?.focus();
  }, [serverErrors]);
  useEffect(() => {
    if (!lockedProject) return undefined;
    let alive = true;
    void getProject(lockedProject).then((p) => {
      if (alive && p) setProjects([projectOption(p)]);
    });
    return () => {
      alive = false;
    };
  }, [lockedProject]);
  useEffect(() => {
    if (!prefill) return undefined;
    let alive = true;
    if (prefill.project && !lockedProject) {
      const key = prefill.project;
      void getProject(key).then((p) => {
        if (alive) setProjects([p ? projectOption(p) : { label: key, value: key }]);
      });
    }
    if (prefill.user) {
      const email = prefill.user;
      void searchUsers(email).then(
        (found) => {
          const exact = found.filter((u) => u.emailAddress?.toLowerCase() === email.toLowerCase());
          const only = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : undefined;
          if (alive && only) setUser(userOption(only));
        },
        () => undefined,
      );
    }
    return () => {
      alive = false;
    };
  }, [prefill, lockedProject]);
  useEffect(() => {
    if (!onSelectionChange) return;
    onSelectionChange(
      user && projects.length > 0 && permissions.length > 0
        ? {
            user,
            projects: projects.map((p) => p.value),
            permissions: permissions.map((p) => p.value),
            preset: preset === 'custom' ? null : preset,
            explain: explainAll ? 'all' : 'missing',
          }
        : null,
    );
  }, [onSelectionChange, user, projects, permissions, preset, explainAll]);
  const [userSearchError, setUserSearchError] = useState<string | null>(null);
  const [projectSearchError, setProjectSearchError] = useState<string | null>(null);

  const loadUsers = useDebouncedSearch<UserOption>(async (query) => {
    const q = query.trim();
    if (q.length < 2) return [];
    try {
      const found = (await searchUsers(q)).map(userOption);
      setUserSearchError(null);
      if (ACCOUNT_ID.test(q) && !found.some((o) => o.value === q)) {
        found.push({ label: `Account ID ${q}`, value: q, detail: 'Use this account ID as given' });
      }
      return found;
    } catch (err) {
      setUserSearchError(
        `Couldn't search users: ${err instanceof Error ? err.message : String(err)}.`,
      );
      return ACCOUNT_ID.test(q)
        ? [{ label: `Account ID ${q}`, value: q, detail: 'Use this account ID as given' }]
        : [];
    }
  });

  const loadProjects = useDebouncedSearch<ProjectOption>(async (query) => {
    try {
      const found = (await searchProjects(query.trim())).map(projectOption);
      setProjectSearchError(null);
      return found;
    } catch (err) {
      setProjectSearchError(
        `Couldn't search projects: ${err instanceof Error ? err.message : String(err)}.`,
      );
      return [];
    }
  });

  const permissionOptions = useMemo(
    () => KNOWN_PERMISSIONS.map((p) => ({ value: p, label: permissionLabel(p) })),
    [],
  );

  const validate = (): Errors => {
    const e: Errors = {};
    if (!user) e.user = 'Choose the sync user the integration signs in as.';
    if (projects.length === 0) e.projects = 'Choose at least one project the integration works in.';
    if (permissions.length === 0) e.permissions = 'Choose at least one permission to check.';
    else if (permissions.length > MAX_PERMISSIONS)
      e.permissions = `Choose at most ${MAX_PERMISSIONS} permissions: one check covers up to ${MAX_PERMISSIONS}.`;
    if (checkToken && tokenCheck) {
      if (!email.trim()) e.email = 'Enter the email address the integration signs in with.';
      else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) e.email = 'Enter a valid email address.';
      if (!apiToken.trim()) e.token = 'Paste the API token the integration uses.';
    }
    return e;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    const e = validate();
    setErrors(e);
    const firstInvalid = (Object.keys(FIELD_IDS) as FieldName[]).find((k) => e[k]);
    if (firstInvalid) {
      document.getElementById(FIELD_IDS[firstInvalid])?.focus();
      return;
    }
    if (!user) return;
    const payload: RunCheckPayload = {
      user: { accountId: user.value },
      projects: projects.map((p) => p.value),
      permissions: permissions.map((p) => p.value),
    };
    if (explainAll) payload.explain = 'all';
    if (checkToken && tokenCheck) {
      // Sent once to the resolver for this run, then gone from the state and the field: a
      // second run needs the token pasted again.
      payload.token = {
        email,
        token: apiToken,
        expectAccountId: user.value,
        via: viaGateway ? 'gateway' : 'site',
      };
      setApiToken('');
    }
    onRun(payload, user);
  };

  const describedBy = (name: FieldName) =>
    errors[name] ? `${FIELD_IDS[name]}-error` : `${FIELD_IDS[name]}-helper`;

  return (
    <Box
      as="form"
      xcss={formStyles}
      onSubmit={onSubmit}
      noValidate
      aria-label="Check a sync user"
      testId="check-form"
    >
      <Stack space="space.200">
        <Grid xcss={twoColumns} gap="space.200">
          <Field
            id={FIELD_IDS.user}
            label="Sync user"
            required
            error={errors.user ?? userSearchError ?? undefined}
            helper="The account the integration signs in as. Search by name or email."
          >
            <AsyncSelect<UserOption>
              inputId={FIELD_IDS.user}
              aria-describedby={describedBy('user')}
              aria-invalid={Boolean(errors.user)}
              placeholder="Search by name or email"
              loadOptions={loadUsers}
              cacheOptions
              isClearable
              value={user}
              onChange={(v) => {
                setUser(v ?? null);
                setErrors((e) => ({ ...e, user: undefined }));
              }}
              formatOptionLabel={(o, meta) =>
                meta.context === 'menu' ? (
                  <span>
                    <span style={{ display: 'block' }}>{o.label}</span>
                    {o.detail && (
                      <span
                        style={{
                          display: 'block',
                          fontSize: 12,
                          color: token('color.text.subtle', '#44546F'),
                        }}
                      >
                        {o.detail}
                      </span>
                    )}
                  </span>
                ) : (
                  o.label
                )
              }
              noOptionsMessage={({ inputValue }) =>
                inputValue.trim().length < 2 ? 'Type at least 2 characters' : 'No matching users'
              }
              isInvalid={Boolean(errors.user)}
              testId="user-select"
            />
          </Field>
          <Field
            id={FIELD_IDS.projects}
            label={lockedProject ? 'Target project' : 'Target projects'}
            required
            error={errors.projects ?? projectSearchError ?? undefined}
            helper={
              lockedProject
                ? `Fixed to ${lockedProject}: this page checks the project it belongs to.`
                : 'The projects the integration reads or writes.'
            }
          >
            {lockedProject ? (
              <Select<ProjectOption, true>
                inputId={FIELD_IDS.projects}
                aria-describedby={describedBy('projects')}
                isMulti
                isDisabled
                value={projects}
                options={projects}
                testId="project-select-locked"
              />
            ) : (
              <AsyncSelect<ProjectOption, true>
                inputId={FIELD_IDS.projects}
                aria-describedby={describedBy('projects')}
                aria-invalid={Boolean(errors.projects)}
                isMulti
                placeholder="Search projects"
                loadOptions={loadProjects}
                defaultOptions
                cacheOptions
                value={projects}
                onChange={(v) => {
                  setProjects([...v]);
                  setErrors((e) => ({ ...e, projects: undefined }));
                }}
                noOptionsMessage={() => 'No matching projects'}
                isInvalid={Boolean(errors.projects)}
                testId="project-select"
              />
            )}
          </Field>
        </Grid>
        <Grid xcss={presetColumns} gap="space.200">
          <Field
            id={FIELD_IDS.preset}
            label="Integration preset"
            helper={presetOption(preset).description}
          >
            <Select<PresetOption>
              inputId={FIELD_IDS.preset}
              aria-describedby={`${FIELD_IDS.preset}-helper${preset === 'custom' ? '' : ` ${REASONS_ID}`}`}
              options={PRESET_OPTIONS}
              value={presetOption(preset)}
              isSearchable={false}
              onChange={(o) => {
                if (!o) return;
                setPreset(o.value);
                if (o.value !== 'custom') {
                  setPermissions(PRESETS[o.value].permissions.map((p) => permissionOption(p.key)));
                  setErrors((e) => ({ ...e, permissions: undefined }));
                }
              }}
              formatOptionLabel={(o, meta) =>
                meta.context === 'menu' ? (
                  <span>
                    <span style={{ display: 'block' }}>{o.label}</span>
                    <span
                      style={{
                        display: 'block',
                        fontSize: 12,
                        color: token('color.text.subtle', '#44546F'),
                      }}
                    >
                      {o.value === 'custom'
                        ? o.description
                        : `${PRESETS[o.value].permissions.length} permissions · ${o.description}`}
                    </span>
                  </span>
                ) : (
                  o.label
                )
              }
              testId="preset-select"
            />
          </Field>
          <Field
            id={FIELD_IDS.permissions}
            label="Required permissions"
            required
            error={errors.permissions}
            helper={`What the integration needs in each project (at most ${MAX_PERMISSIONS}). Changing them makes the preset Custom; type a key for an app's custom permission.`}
          >
            <CreatableSelect<PermissionOption, true>
              inputId={FIELD_IDS.permissions}
              aria-describedby={describedBy('permissions')}
              isMulti
              options={permissionOptions}
              value={permissions}
              isOptionDisabled={() => permissions.length >= MAX_PERMISSIONS}
              onChange={(v) => {
                const next = v.map((o) => permissionOption(o.value));
                setPermissions(next);
                setPreset(matchingPreset(next.map((o) => o.value)));
                setErrors((e) => ({ ...e, permissions: undefined }));
              }}
              onCreateOption={(text) => {
                const key = resolvePermissionKey(text);
                if (!key || permissions.length >= MAX_PERMISSIONS) return;
                if (permissions.some((o) => o.value === key)) return;
                const next = [...permissions, permissionOption(key)];
                setPermissions(next);
                setPreset(matchingPreset(next.map((o) => o.value)));
                setErrors((e) => ({ ...e, permissions: undefined }));
              }}
              isValidNewOption={(text) => {
                const key = resolvePermissionKey(text);
                return (
                  key !== null &&
                  permissions.length < MAX_PERMISSIONS &&
                  !permissions.some((o) => o.value === key) &&
                  !permissionOptions.some((o) => o.value === key)
                );
              }}
              formatCreateLabel={(text) => `Use the key ${resolvePermissionKey(text) ?? text}`}
              noOptionsMessage={() =>
                permissions.length >= MAX_PERMISSIONS
                  ? `At most ${MAX_PERMISSIONS} permissions`
                  : 'No matching permissions'
              }
              placeholder="Add a permission, or type a key"
              isInvalid={Boolean(errors.permissions)}
              testId="permission-select"
            />
          </Field>
        </Grid>
        {preset !== 'custom' && <PresetReasons preset={preset} />}
        <Stack space="space.100">
          <Stack space="space.0">
            <Checkbox
              label="Explain held permissions too"
              isChecked={explainAll}
              onChange={(e) => setExplainAll(e.target.checked)}
              aria-describedby="cd-explain-helper"
              testId="explain-all"
            />
            <Box xcss={checkboxHelper}>
              <Text as="p" size="small" color="color.text.subtle" id="cd-explain-helper">
                Missing permissions are always explained from the permission scheme. This also shows
                which grant gives the user each permission it holds.
              </Text>
            </Box>
          </Stack>
          {tokenCheck && (
            <Checkbox
              label="Check the token too"
              isChecked={checkToken}
              onChange={(e) => {
                const on = e.target.checked;
                setCheckToken(on);
                if (!on) {
                  setEmail('');
                  setApiToken('');
                  setErrors((er) => ({ ...er, email: undefined, token: undefined }));
                }
              }}
              testId="check-token"
            />
          )}
          {checkToken && tokenCheck && (
            <Box xcss={tokenBox} testId="token-section">
              <Stack space="space.150">
                <Text as="p" size="small">
                  Tests what the integration itself experiences when it signs in. The token is used
                  once for this check and never stored: not in history, not in exports.
                </Text>
                <Grid xcss={twoColumns} gap="space.200">
                  <Field
                    id={FIELD_IDS.email}
                    label="Email the integration signs in with"
                    required
                    error={errors.email}
                  >
                    <Textfield
                      id={FIELD_IDS.email}
                      name="cd-email"
                      type="email"
                      autoComplete="off"
                      spellCheck={false}
                      value={email}
                      onChange={(e) => setEmail(e.currentTarget.value)}
                      isInvalid={Boolean(errors.email)}
                      aria-describedby={errors.email ? `${FIELD_IDS.email}-error` : undefined}
                      testId="token-email"
                    />
                  </Field>
                  <Field id={FIELD_IDS.token} label="API token" required error={errors.token}>
                    <Textfield
                      id={FIELD_IDS.token}
                      name="cd-token"
                      type="password"
                      autoComplete="new-password"
                      spellCheck={false}
                      value={apiToken}
                      onChange={(e) => setApiToken(e.currentTarget.value)}
                      isInvalid={Boolean(errors.token)}
                      aria-describedby={errors.token ? `${FIELD_IDS.token}-error` : undefined}
                      testId="token-value"
                    />
                  </Field>
                </Grid>
                <Box>
                  <Checkbox
                    label="The integration connects through the API gateway (api.atlassian.com), not the site URL"
                    isChecked={viaGateway}
                    onChange={(e) => setViaGateway(e.target.checked)}
                    aria-describedby="cd-via-gateway-helper"
                    testId="token-via-gateway"
                  />
                  <Text as="p" size="small" color="color.text.subtle" id="cd-via-gateway-helper">
                    Choose this when the integration uses a token with scopes: such a token works
                    only through the gateway, and the check then tests each scope the integration
                    needs.
                  </Text>
                </Box>
              </Stack>
            </Box>
          )}
        </Stack>
        <Inline space="space.100" alignBlock="center">
          <Button type="submit" appearance="primary" isDisabled={running} testId="run-check">
            {running ? 'Running…' : 'Run check'}
          </Button>
          {running && (
            <Button onClick={onCancel} testId="cancel-check">
              Cancel
            </Button>
          )}
          <RunProgress startedAt={running ? runStartedAt : null} />
        </Inline>
      </Stack>
    </Box>
  );
}
