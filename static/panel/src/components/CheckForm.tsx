import { useEffect, useMemo, useReducer, useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Grid, Inline, Stack, xcss } from '@atlaskit/primitives';
import type { RunCheckPayload } from '../types';
import { focusFirstInvalid } from './check-form/Field';
import { FieldsSection } from './check-form/FieldsSection';
import { twoColumns } from './check-form/layout';
import { ExplainOption, PermissionsSection } from './check-form/PermissionsSection';
import { ProjectsSection } from './check-form/ProjectsSection';
import {
  checkFormReducer,
  checkPayload,
  checkSelection,
  initialCheckFormState,
  manySelection,
  validateCheckForm,
  type CheckPrefill,
  type CheckSelection,
  type FormErrors,
  type ManySelection,
  type UserOption,
} from './check-form/state';
import { SyncUserSection } from './check-form/SyncUserSection';
import { TokenSection } from './check-form/TokenSection';
import { useUntabbableRemoveButtons } from './check-form/untabbable-removes';
import { RunProgress } from './RunProgress';
import type { BatchProgress } from '../useRunCheck';

export type { CheckPrefill, CheckSelection, ProjectOption, UserOption } from './check-form/state';
export { MAX_PERMISSIONS } from './check-form/state';

const formStyles = xcss({
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.large',
  padding: 'space.200',
  backgroundColor: 'elevation.surface',
});

/**
 * The Check form: one reducer (check-form/state.ts) and a section per part of the check (sync
 * user, projects, permissions, fields, token). Each
 * section renders its slice of the state and dispatches its own actions.
 */
export function CheckForm({
  lockedProject,
  tokenCheck,
  running,
  onRun,
  onCancel,
  runStartedAt,
  runProgress,
  onSelectionChange,
  serverErrors,
  reportErrors,
  prefill,
}: {
  /** What the finished run found wrong with the form's values: marked on the fields, focus stays on the verdict. */
  reportErrors?: FormErrors | null;
  prefill?: CheckPrefill | null;
  /** What the resolver refused, by field: shown next to the field, the first one focused. */
  serverErrors?: FormErrors | null;
  /** Told whenever the user, projects or permissions change (null until user and projects are chosen). */
  onSelectionChange?: (selection: CheckSelection | null) => void;
  lockedProject: string | null;
  /** Whether this build takes an API token (the resolver says so; false until it has). */
  tokenCheck: boolean;
  running: boolean;
  runStartedAt: number | null;
  /** How far a run of many projects is (checked in batches); absent for one check. */
  runProgress?: BatchProgress | undefined;
  /** `many`: the projects are a selection for a run of many projects, not `payload.projects`. */
  onRun: (payload: RunCheckPayload, user: UserOption, many: ManySelection | null) => void;
  onCancel: () => void;
}) {
  const [state, dispatch] = useReducer(checkFormReducer, lockedProject, initialCheckFormState);
  const { user, projects, permissions, fields, token, errors } = state;

  useEffect(() => {
    if (!serverErrors) return;
    dispatch({ type: 'errors/server', errors: serverErrors });
    focusFirstInvalid(serverErrors);
  }, [serverErrors]);

  useEffect(() => {
    if (reportErrors && Object.keys(reportErrors).length > 0)
      dispatch({ type: 'errors/server', errors: reportErrors });
  }, [reportErrors]);

  const selection = useMemo(
    () => checkSelection(user, projects, permissions, fields),
    [user, projects, permissions, fields],
  );
  useEffect(() => {
    onSelectionChange?.(selection);
  }, [onSelectionChange, selection]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    const invalid = validateCheckForm(state, tokenCheck);
    dispatch({ type: 'errors/validated', errors: invalid });
    if (focusFirstInvalid(invalid) || !user) return;
    const payload = checkPayload(state, user, tokenCheck);
    // Sent once to the resolver for this run, then gone from the state and the field: a second
    // run needs the token pasted again.
    if (payload.token) dispatch({ type: 'token/sent' });
    onRun(payload, user, lockedProject ? null : manySelection(state.projects));
  };

  const [formElement, setFormElement] = useState<HTMLFormElement | null>(null);
  useUntabbableRemoveButtons(formElement);

  return (
    <Box
      as="form"
      ref={setFormElement}
      xcss={formStyles}
      onSubmit={onSubmit}
      noValidate
      aria-label="Check a sync user"
      testId="check-form"
    >
      <Stack space="space.200">
        <Grid xcss={twoColumns} gap="space.200">
          <SyncUserSection
            user={user}
            errors={errors}
            prefill={prefill ?? null}
            dispatch={dispatch}
          />
          <ProjectsSection
            lockedProject={lockedProject}
            projects={projects}
            errors={errors}
            prefill={prefill ?? null}
            dispatch={dispatch}
          />
        </Grid>
        <PermissionsSection permissions={permissions} errors={errors} dispatch={dispatch} />
        <FieldsSection
          fields={fields}
          preset={permissions.preset}
          errors={errors}
          dispatch={dispatch}
        />
        <Stack space="space.100">
          <ExplainOption explainAll={permissions.explainAll} dispatch={dispatch} />
          {tokenCheck && <TokenSection token={token} errors={errors} dispatch={dispatch} />}
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
          <RunProgress
            startedAt={running ? runStartedAt : null}
            {...(running && runProgress ? { progress: runProgress } : {})}
          />
        </Inline>
      </Stack>
    </Box>
  );
}
