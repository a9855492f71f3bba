import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Textfield from '@atlaskit/textfield';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { saveProfile } from '../watch-api';
import type { PayloadOf } from '@shared/contract';
import type { ResolverError, RunCheckPayload } from '../types';
import type { ManySelection } from './check-form/state';
import { WatchError } from './WatchError';

/** What the admin page's last check was run with, as saveProfile takes it (no token, no email). */
export type WatchedCheck = Omit<PayloadOf<'saveProfile'>, 'name' | 'id'>;

/** What a check was run with, as a sync profile saves it (never the token). */
function watchedCheck(payload: RunCheckPayload, many: ManySelection | null): WatchedCheck {
  return {
    user: { accountId: payload.user.accountId },
    selection: many ?? { kind: 'keys', text: payload.projects.join(' ') },
    ...(payload.permissions ? { permissions: payload.permissions } : {}),
    ...(payload.preset ? { preset: payload.preset } : {}),
    ...(payload.fields ? { fields: payload.fields } : {}),
    ...(payload.issueTypes ? { issueTypes: payload.issueTypes } : {}),
  };
}

function suggestedName(check: WatchedCheck): string {
  const s = check.selection;
  const what =
    s.kind === 'every'
      ? 'every project'
      : s.kind === 'category'
        ? 'a project category'
        : s.text
            .split(/[\s,;]+/)
            .filter(Boolean)
            .slice(0, 4)
            .join(', ');
  return `Sync user check: ${what}`.slice(0, 80);
}

/**
 * "Watch this check" (#27 item 1), after a check on the admin page: saves what it was run with
 * as a sync profile, which the daily check runs again as the administrator who saves it.
 */
export default function WatchThisCheck({
  payload,
  many,
  onWatched,
}: {
  /** The check as it was run; `many`: its projects were a selection (a run of many projects). */
  payload: RunCheckPayload;
  many: ManySelection | null;
  onWatched: () => void;
}) {
  const [check] = useState(() => watchedCheck(payload, many));
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(() => suggestedName(check));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await saveProfile({ ...check, name });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setOpen(false);
    setSaved(result.profile.name);
    onWatched();
  };

  return (
    <Stack space="space.100" testId="watch-this-check">
      <div role="status" aria-live="polite">
        {saved && (
          <Text as="p" testId="watch-saved">
            Watching "{saved}": it runs again every day as you. See it on the Watch tab.
          </Text>
        )}
      </div>
      {!open && !saved && (
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Button onClick={() => setOpen(true)} testId="watch-this-check-open">
            Watch this check
          </Button>
          <Text size="small" color="color.text.subtle">
            Run it again every day and see on the Watch tab when something breaks the sync user.
          </Text>
        </Inline>
      )}
      {open && (
        <form onSubmit={(e) => void submit(e)} data-testid="watch-this-check-form">
          <Stack space="space.100">
            <Label htmlFor="watch-profile-name">Name of the watched check</Label>
            <Textfield
              id="watch-profile-name"
              value={name}
              maxLength={80}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Text as="p" size="small" color="color.text.subtle">
              Saved: the sync user, the projects and what was checked; never a token or an email
              address. The daily check runs as you and sees what you see in Jira.
            </Text>
            <Inline space="space.100">
              <Button type="submit" appearance="primary" isDisabled={busy || !name.trim()}>
                Watch
              </Button>
              <Button onClick={() => setOpen(false)}>Cancel</Button>
            </Inline>
          </Stack>
        </form>
      )}
      {error && <WatchError error={error} action="watch this check" />}
    </Stack>
  );
}
