import { useEffect, useState, type Dispatch } from 'react';
import Select, { AsyncSelect } from '@atlaskit/select';
import { getProject, searchProjects, type JiraProject } from '../../api';
import { useDebouncedSearch } from '../../useDebouncedSearch';
import { describedBy, Field, FIELD_IDS } from './Field';
import type {
  CheckFormAction,
  CheckPrefill,
  FormErrors,
  ProjectOption,
  ProjectsState,
} from './state';

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

  return (
    <Field
      id={FIELD_IDS.projects}
      label={lockedProject ? 'Target project' : 'Target projects'}
      required
      error={errors.projects ?? searchError ?? undefined}
      helper={
        lockedProject
          ? `Fixed to ${lockedProject}: this page checks the project it belongs to.`
          : 'The projects the integration reads or writes.'
      }
    >
      {lockedProject ? (
        <Select<ProjectOption, true>
          inputId={FIELD_IDS.projects}
          aria-describedby={describedBy(errors, 'projects')}
          isMulti
          isDisabled
          value={projects.chosen}
          options={projects.chosen}
          testId="project-select-locked"
        />
      ) : (
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
      )}
    </Field>
  );
}
