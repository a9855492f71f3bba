import { useEffect, useState, type Dispatch } from 'react';
import { ErrorMessage } from '@atlaskit/form';
import Select, { AsyncSelect } from '@atlaskit/select';
import { Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { getProject, listProjectCategories, searchProjects, type JiraProject } from '../../api';
import { useDebouncedSearch } from '../../useDebouncedSearch';
import { describedBy, Field, FIELD_IDS } from './Field';
import type {
  CategoryOption,
  CheckFormAction,
  CheckPrefill,
  FormErrors,
  ProjectOption,
  ProjectsMode,
  ProjectsState,
} from './state';

/** Runs of many projects are checked in batches; the resolver's limit per run. */
const MAX_RUN_PROJECTS = 1000;

interface ModeOption {
  label: string;
  value: ProjectsMode;
}

const MODES: readonly ModeOption[] = [
  { label: 'Projects I choose (up to 100)', value: 'choose' },
  { label: 'A list of project keys', value: 'keys' },
  { label: 'A project category', value: 'category' },
  { label: 'Every project', value: 'every' },
];

const SCOPE_ID = 'cd-projects-scope';

const keysStyle = {
  width: '100%',
  boxSizing: 'border-box' as const,
  minHeight: '5.5rem',
  padding: token('space.100', '8px'),
  font: token('font.body', 'inherit'),
  color: token('color.text', '#172B4D'),
  backgroundColor: token('color.background.input', '#FFFFFF'),
  border: `${token('border.width', '1px')} solid ${token('color.border.input', '#8590A2')}`,
  borderRadius: token('radius.small', '3px'),
  resize: 'vertical' as const,
};

function projectOption(p: JiraProject): ProjectOption {
  return { label: `${p.name} (${p.key})`, value: p.key };
}

/**
 * The target projects: searched on the admin page, fixed to its own project on a project's
 * settings page. Its slice of the form state is `projects` (actions `projects/…`).
 */
export function ProjectsSection({
  lockedProject,
  projects,
  errors,
  prefill,
  dispatch,
}: {
  lockedProject: string | null;
  projects: ProjectsState;
  errors: FormErrors;
  /** Another tab's project: chosen unless this page is fixed to its own. */
  prefill: CheckPrefill | null;
  dispatch: Dispatch<CheckFormAction>;
}) {
  const [searchError, setSearchError] = useState<string | null>(null);

  useEffect(() => {
    if (!lockedProject) return undefined;
    let alive = true;
    void getProject(lockedProject).then((p) => {
      if (alive && p) dispatch({ type: 'projects/set', projects: [projectOption(p)] });
    });
    return () => {
      alive = false;
    };
  }, [lockedProject, dispatch]);

  useEffect(() => {
    if (!prefill?.project || lockedProject) return undefined;
    let alive = true;
    const key = prefill.project;
    void getProject(key).then((p) => {
      if (alive)
        dispatch({
          type: 'projects/set',
          projects: [p ? projectOption(p) : { label: key, value: key }],
        });
    });
    return () => {
      alive = false;
    };
  }, [prefill, lockedProject, dispatch]);

  const loadProjects = useDebouncedSearch<ProjectOption>(async (query) => {
    try {
      const found = (await searchProjects(query.trim())).map(projectOption);
      setSearchError(null);
      return found;
    } catch (err) {
      setSearchError(
        `Couldn't search projects: ${err instanceof Error ? err.message : String(err)}.`,
      );
      return [];
    }
  });

  if (lockedProject) {
    return (
      <Field
        id={FIELD_IDS.projects}
        label="Target project"
        required
        error={errors.projects ?? undefined}
        helper={`Fixed to ${lockedProject}: this page checks the project it belongs to.`}
      >
        <Select<ProjectOption, true>
          inputId={FIELD_IDS.projects}
          aria-describedby={describedBy(errors, 'projects')}
          isMulti
          isDisabled
          value={projects.chosen}
          options={projects.chosen}
          testId="project-select-locked"
        />
      </Field>
    );
  }

  return (
    <Stack space="space.100">
      <Field id={SCOPE_ID} label="Which projects">
        <Select<ModeOption, false>
          inputId={SCOPE_ID}
          options={MODES}
          value={MODES.find((m) => m.value === projects.mode) ?? null}
          onChange={(m) => m && dispatch({ type: 'projects/mode', mode: m.value })}
          isSearchable={false}
          testId="projects-scope"
        />
      </Field>
      {projects.mode === 'choose' && (
        <Field
          id={FIELD_IDS.projects}
          label="Target projects"
          required
          error={errors.projects ?? searchError ?? undefined}
          helper="The projects the integration reads or writes."
        >
          <AsyncSelect<ProjectOption, true>
            inputId={FIELD_IDS.projects}
            aria-describedby={describedBy(errors, 'projects')}
            aria-invalid={Boolean(errors.projects)}
            isMulti
            placeholder="Search projects"
            loadOptions={loadProjects}
            defaultOptions
            cacheOptions
            value={projects.chosen}
            onChange={(v) => dispatch({ type: 'projects/set', projects: [...v] })}
            noOptionsMessage={() => 'No matching projects'}
            isInvalid={Boolean(errors.projects)}
            testId="project-select"
          />
        </Field>
      )}
      {projects.mode === 'keys' && (
        <Field
          id={FIELD_IDS.projects}
          label="Project keys"
          required
          error={errors.projects ?? undefined}
          helper={`Paste keys separated by commas, semicolons, spaces or line breaks, such as WEB; OPS. Up to ${MAX_RUN_PROJECTS}, checked 100 at a time.`}
        >
          <textarea
            id={FIELD_IDS.projects}
            aria-describedby={describedBy(errors, 'projects')}
            aria-invalid={Boolean(errors.projects)}
            value={projects.keysText}
            onChange={(e) => dispatch({ type: 'projects/keys', text: e.target.value })}
            spellCheck={false}
            autoCapitalize="characters"
            style={keysStyle}
            data-testid="project-keys"
          />
        </Field>
      )}
      {projects.mode === 'category' && (
        <CategoryField category={projects.category} errors={errors} dispatch={dispatch} />
      )}
      {projects.mode === 'every' && (
        <Stack space="space.050">
          <p
            id={FIELD_IDS.projects}
            tabIndex={-1}
            data-testid="every-project"
            style={{ margin: 0 }}
          >
            {`Every project you can see on this site, up to ${MAX_RUN_PROJECTS}, checked 100 at a time.`}
          </p>
          {errors.projects && (
            <ErrorMessage testId={`${FIELD_IDS.projects}-error`}>
              <span id={`${FIELD_IDS.projects}-error`}>{errors.projects}</span>
            </ErrorMessage>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** The site's project categories, loaded when this choice is first shown. */
function CategoryField({
  category,
  errors,
  dispatch,
}: {
  category: CategoryOption | null;
  errors: FormErrors;
  dispatch: Dispatch<CheckFormAction>;
}) {
  const [options, setOptions] = useState<CategoryOption[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    listProjectCategories().then(
      (found) => alive && setOptions(found.map((c) => ({ label: c.name, value: c.id }))),
      (err: unknown) => {
        if (!alive) return;
        setOptions([]);
        setLoadError(
          `Couldn't list the project categories: ${err instanceof Error ? err.message : String(err)}.`,
        );
      },
    );
    return () => {
      alive = false;
    };
  }, []);
  return (
    <Field
      id={FIELD_IDS.projects}
      label="Project category"
      required
      error={errors.projects ?? loadError ?? undefined}
      helper={`Every project in the category you can see, up to ${MAX_RUN_PROJECTS}, checked 100 at a time.`}
    >
      <Select<CategoryOption, false>
        inputId={FIELD_IDS.projects}
        aria-describedby={describedBy(errors, 'projects')}
        aria-invalid={Boolean(errors.projects)}
        options={options ?? []}
        isLoading={options === null}
        value={category}
        onChange={(c) => dispatch({ type: 'projects/category', category: c ?? null })}
        placeholder="Choose a category"
        noOptionsMessage={() => 'This site has no project categories'}
        isInvalid={Boolean(errors.projects)}
        testId="project-category"
      />
    </Field>
  );
}
