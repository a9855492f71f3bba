import { useMemo, useState, type Dispatch } from 'react';
import { CreatableSelect } from '@atlaskit/select';
import { Grid } from '@atlaskit/primitives';
import { defaultFields, MAX_SYNC_NAMES } from '@shared/engine/model/sync-targets';
import { listFields, type JiraField } from '../../api';
import { describedBy, Field, FIELD_IDS } from './Field';
import { topAlignedColumns } from './layout';
import {
  statedFields,
  type CheckFormAction,
  type FieldsState,
  type FormErrors,
  type PresetChoice,
} from './state';

interface NameOption {
  label: string;
  value: string;
}

function nameOption(name: string): NameOption {
  return { label: name, value: name };
}

type SiteFields =
  { status: 'idle' | 'loading' | 'failed' } | { status: 'ready'; options: NameOption[] };

/**
 * The site's fields as suggestions, read once when the list is first opened: a name two fields
 * share is offered by ID (the check would refuse the name); anything may still be typed.
 */
function useSiteFields(): [SiteFields, () => void] {
  const [state, setState] = useState<SiteFields>({ status: 'idle' });
  const load = () => {
    if (state.status !== 'idle') return;
    setState({ status: 'loading' });
    listFields().then(
      (fields) => setState({ status: 'ready', options: fieldOptions(fields) }),
      () => setState({ status: 'failed' }),
    );
  };
  return [state, load];
}

function fieldOptions(fields: readonly JiraField[]): NameOption[] {
  const count = new Map<string, number>();
  for (const f of fields) {
    const key = f.name?.toLowerCase();
    if (key) count.set(key, (count.get(key) ?? 0) + 1);
  }
  return fields
    .map((f) => {
      const shared = (count.get(f.name?.toLowerCase() ?? '') ?? 0) > 1;
      return {
        label: f.name ? `${f.name} (${f.id})` : f.id,
        value: f.name && !shared ? f.name : f.id,
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** "Fields the integration sets" (like --fields) and "Issue types" (like --issue-types). */
export function FieldsSection({
  fields,
  preset,
  errors,
  dispatch,
}: {
  fields: FieldsState;
  preset: PresetChoice;
  errors: FormErrors;
  dispatch: Dispatch<CheckFormAction>;
}) {
  const [site, loadSite] = useSiteFields();
  const chosenFields = useMemo(() => fields.names.map(nameOption), [fields.names]);
  const chosenTypes = useMemo(() => fields.issueTypes.map(nameOption), [fields.issueTypes]);
  const fieldsFull = fields.names.length >= MAX_SYNC_NAMES;
  const typesFull = fields.issueTypes.length >= MAX_SYNC_NAMES;
  const stated = statedFields(fields, preset) !== undefined;
  const fieldsHelper =
    fields.names.length === 0
      ? `None given: the check uses ${defaultFields(preset === 'custom' ? undefined : preset).join(', ')}.`
      : stated
        ? 'Checked as given: a required field not listed here fails the create.'
        : 'The preset’s fields. Add what the integration maps: IDs or names as Jira shows them.';

  return (
    <Grid xcss={topAlignedColumns} gap="space.200">
      <Field
        id={FIELD_IDS.fields}
        label="Fields the integration sets"
        error={errors.fields}
        helper={fieldsHelper}
      >
        <CreatableSelect<NameOption, true>
          inputId={FIELD_IDS.fields}
          aria-describedby={describedBy(errors, 'fields')}
          aria-invalid={Boolean(errors.fields)}
          isMulti
          options={site.status === 'ready' ? site.options : []}
          isLoading={site.status === 'loading'}
          onMenuOpen={loadSite}
          value={chosenFields}
          isOptionDisabled={() => fieldsFull}
          onChange={(v) => dispatch({ type: 'fields/set', names: v.map((o) => o.value) })}
          onCreateOption={(text) => dispatch({ type: 'fields/add', text })}
          isValidNewOption={(text) => text.trim() !== '' && !fieldsFull}
          formatCreateLabel={(text) => `Use “${text.trim()}”`}
          noOptionsMessage={() =>
            fieldsFull
              ? `At most ${MAX_SYNC_NAMES} fields`
              : site.status === 'failed'
                ? 'The site’s fields could not be listed: type an ID or a name'
                : 'No matching fields: type an ID or a name'
          }
          placeholder="summary, customfield_10010, Team…"
          isInvalid={Boolean(errors.fields)}
          testId="fields-select"
        />
      </Field>
      <Field
        id={FIELD_IDS.issueTypes}
        label="Issue types"
        error={errors.issueTypes}
        helper="Optional. The issue types the integration creates and edits; none: every one it can create."
      >
        <CreatableSelect<NameOption, true>
          inputId={FIELD_IDS.issueTypes}
          aria-describedby={describedBy(errors, 'issueTypes')}
          aria-invalid={Boolean(errors.issueTypes)}
          isMulti
          options={[]}
          value={chosenTypes}
          onChange={(v) => dispatch({ type: 'issueTypes/set', names: v.map((o) => o.value) })}
          onCreateOption={(text) => dispatch({ type: 'issueTypes/add', text })}
          isValidNewOption={(text) => text.trim() !== '' && !typesFull}
          formatCreateLabel={(text) => `Use “${text.trim()}”`}
          noOptionsMessage={() =>
            typesFull ? `At most ${MAX_SYNC_NAMES} issue types` : 'Type an issue type name'
          }
          placeholder="Task, Bug…"
          isInvalid={Boolean(errors.issueTypes)}
          testId="issue-types-select"
        />
      </Field>
    </Grid>
  );
}
