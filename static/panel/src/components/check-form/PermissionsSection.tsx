import { useMemo, type Dispatch } from 'react';
import Checkbox from '@atlaskit/checkbox';
import Select, { CreatableSelect } from '@atlaskit/select';
import { Box, Grid, Stack, Text, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { resolvePermissionKey } from '@shared/engine/knowledge/permission-keys';
import { PRESET_NAMES, PRESETS, type PresetName } from '@shared/engine/knowledge/presets';
import { KNOWN_PERMISSIONS, permissionLabel } from '../../labels';
import { describedBy, Field, FIELD_IDS } from './Field';
import { checkboxHelper, topAlignedColumns } from './layout';
import {
  MAX_PERMISSIONS,
  type CheckFormAction,
  type FormErrors,
  type PermissionsState,
  type PresetChoice,
} from './state';

interface PermissionOption {
  label: string;
  value: string;
}

interface PresetOption {
  label: string;
  value: PresetChoice;
  description: string;
}

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

/** The integration preset and the permissions it needs. */
export function PermissionsSection({
  permissions,
  errors,
  dispatch,
}: {
  permissions: PermissionsState;
  errors: FormErrors;
  dispatch: Dispatch<CheckFormAction>;
}) {
  const { preset, keys } = permissions;
  const permissionOptions = useMemo(() => KNOWN_PERMISSIONS.map(permissionOption), []);
  const chosen = useMemo(() => keys.map(permissionOption), [keys]);
  const full = keys.length >= MAX_PERMISSIONS;

  return (
    <>
      <Grid xcss={topAlignedColumns} gap="space.200">
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
              if (o) dispatch({ type: 'preset/choose', preset: o.value });
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
            aria-describedby={describedBy(errors, 'permissions')}
            isMulti
            options={permissionOptions}
            value={chosen}
            isOptionDisabled={() => full}
            onChange={(v) => dispatch({ type: 'permissions/set', keys: v.map((o) => o.value) })}
            onCreateOption={(text) => dispatch({ type: 'permissions/add', text })}
            isValidNewOption={(text) => {
              const key = resolvePermissionKey(text);
              return (
                key !== null &&
                !full &&
                !keys.includes(key) &&
                !permissionOptions.some((o) => o.value === key)
              );
            }}
            formatCreateLabel={(text) => `Use the key ${resolvePermissionKey(text) ?? text}`}
            noOptionsMessage={() =>
              full ? `At most ${MAX_PERMISSIONS} permissions` : 'No matching permissions'
            }
            placeholder="Add a permission, or type a key"
            isInvalid={Boolean(errors.permissions)}
            testId="permission-select"
          />
        </Field>
      </Grid>
      {preset !== 'custom' && <PresetReasons preset={preset} />}
    </>
  );
}

/** Explain every required permission's grant, not only the missing ones'. */
export function ExplainOption({
  explainAll,
  dispatch,
}: {
  explainAll: boolean;
  dispatch: Dispatch<CheckFormAction>;
}) {
  return (
    <Stack space="space.0">
      <Checkbox
        label="Explain held permissions too"
        isChecked={explainAll}
        onChange={(e) => dispatch({ type: 'explain/set', all: e.target.checked })}
        aria-describedby="cd-explain-helper"
        testId="explain-all"
      />
      <Box xcss={checkboxHelper}>
        <Text as="p" size="small" color="color.text.subtle" id="cd-explain-helper">
          Missing permissions are always explained from the permission scheme. This also shows which
          grant gives the user each permission it holds.
        </Text>
      </Box>
    </Stack>
  );
}
