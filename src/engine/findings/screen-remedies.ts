import { makeFinding } from './catalogue';
import { links } from './links';
import type { Finding } from '../model/report';

const RERUN = 'Re-run this check.';

/** Jira's own wording for a field it will not take (W1): what the synchronizer's log shows. */
const JIRA_SAYS = (field: string) =>
  `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

const PERMISSION_NAMES: Readonly<Record<string, string>> = {
  reporter: 'Modify Reporter',
  assignee: 'Assign Issues',
  security: 'Set Issue Security',
};

export const screenRemedy = {
  fieldNotOnScreen(
    step: string,
    site: string,
    at: { project: string; issueType: string; screen: 'create' | 'edit'; issueKey?: string },
    field: { id: string; label: string },
  ): Finding {
    const screenName = at.screen === 'create' ? 'create screen' : 'edit screen';
    const action =
      at.screen === 'create' ? `creates a ${at.issueType}` : `updates a ${at.issueType}`;
    const permission = PERMISSION_NAMES[field.id];
    return makeFinding('FIELD_NOT_ON_SCREEN', {
      step,
      project: at.project,
      message: `${field.label} is not on the ${screenName} of ${at.issueType} issues in ${at.project}${
        at.issueKey ? ` (read on ${at.issueKey})` : ''
      }: when the synchronizer ${action} with it, Jira answers "${JIRA_SAYS(field.id)}"`,
      steps: [
        `In ${at.project}'s screen scheme, open the ${screenName} used by ${at.issueType} (Project settings → Issue types → ${at.issueType}, or Project settings → Screens) and add ${field.label} to it,`,
        ...(permission
          ? [
              `and make sure the sync user holds ${permission} in ${at.project}: without it Jira hides ${field.label} from that user's screens,`,
            ]
          : []),
        'or stop mapping that field in the synchronizer for this project and issue type.',
        RERUN,
      ],
      links: [links.projectScreens(site, at.project), links.projectFields(site, at.project)],
      details: {
        issueType: at.issueType,
        field: field.id,
        screen: at.screen,
        ...(at.issueKey ? { issueKey: at.issueKey } : {}),
      },
    });
  },
  unknownField(step: string, given: string, why: string): Finding {
    return makeFinding('FIELD_NOT_ON_SCREEN', {
      step,
      message: `The synchronizer's field “${given}” cannot be checked: ${why}. Jira answers a create or edit that sets an unknown field with "${JIRA_SAYS(given)}"`,
      steps: [
        'Correct the field in the list the synchronizer sets (and in this check): give its field ID (e.g. customfield_10010; Jira settings → Issues → Custom fields shows it) or its exact name as Jira shows it.',
        'If the field was deleted from Jira, remove it from the synchronizer’s field mapping.',
        RERUN,
      ],
      details: { field: given, screen: 'create', reason: 'unknown-field' },
    });
  },
  issuesHidden(
    step: string,
    site: string,
    who: string,
    key: string,
    found: { hidden: number; sampled: number; levels: string[] },
  ): Finding {
    const levels = found.levels.map((l) => `“${l}”`).join(', ');
    return makeFinding('ISSUES_HIDDEN_BY_SECURITY', {
      step,
      project: key,
      message: `${who} cannot see ${found.hidden} of ${found.sampled} sampled secured issues in ${key} (security level${
        found.levels.length === 1 ? '' : 's'
      } ${levels}), although it may browse the project. The synchronizer gets "Issue does not exist or you do not have permission to see it." for them.`,
      steps: [
        `In ${key}'s issue security scheme, add ${who} to the security level${found.levels.length === 1 ? '' : 's'} ${levels}: preferably through a project role the user is in (e.g. atlassian-addons-project-access for an app account), or as a single user,`,
        'or leave it if the synchronizer must not see those issues.',
        RERUN,
      ],
      links: [links.projectIssueSecurity(site, key)],
      details: { hidden: found.hidden, sampled: found.sampled, levels: found.levels },
    });
  },
};
