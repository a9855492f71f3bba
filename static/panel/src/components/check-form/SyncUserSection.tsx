import { useEffect, useState, type Dispatch } from 'react';
import { AsyncSelect } from '@atlaskit/select';
import { token } from '@atlaskit/tokens';
import { searchUsers, type JiraUser } from '../../api';
import { useDebouncedSearch } from '../../useDebouncedSearch';
import { describedBy, Field, FIELD_IDS } from './Field';
import type { CheckFormAction, CheckPrefill, FormErrors, UserOption } from './state';

const ACCOUNT_ID = /^(?:[0-9a-f]{24}|\d{5,6}:[0-9a-f-]{36}|qm:[\w:-]{20,})$/i;

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

function accountIdOption(id: string): UserOption {
  return { label: `Account ID ${id}`, value: id, detail: 'Use this account ID as given' };
}

/** The sync user: searched by name or email, or an account ID as given. */
export function SyncUserSection({
  user,
  errors,
  prefill,
  dispatch,
}: {
  user: UserOption | null;
  errors: FormErrors;
  /** Another tab's email address: chosen only when Jira finds exactly one user for it. */
  prefill: CheckPrefill | null;
  dispatch: Dispatch<CheckFormAction>;
}) {
  const [searchError, setSearchError] = useState<string | null>(null);

  useEffect(() => {
    if (!prefill?.user) return undefined;
    let alive = true;
    const email = prefill.user;
    void searchUsers(email).then(
      (found) => {
        const exact = found.filter((u) => u.emailAddress?.toLowerCase() === email.toLowerCase());
        const only = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : undefined;
        if (alive && only) dispatch({ type: 'user/set', user: userOption(only) });
      },
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [prefill, dispatch]);

  const loadUsers = useDebouncedSearch<UserOption>(async (query) => {
    const q = query.trim();
    if (q.length < 2) return [];
    try {
      const found = (await searchUsers(q)).map(userOption);
      setSearchError(null);
      if (ACCOUNT_ID.test(q) && !found.some((o) => o.value === q)) found.push(accountIdOption(q));
      return found;
    } catch (err) {
      setSearchError(`Couldn't search users: ${err instanceof Error ? err.message : String(err)}.`);
      return ACCOUNT_ID.test(q) ? [accountIdOption(q)] : [];
    }
  });

  return (
    <Field
      id={FIELD_IDS.user}
      label="Sync user"
      required
      error={errors.user ?? searchError ?? undefined}
      helper="The account the integration signs in as. Search by name or email."
    >
      <AsyncSelect<UserOption>
        inputId={FIELD_IDS.user}
        aria-describedby={describedBy(errors, 'user')}
        aria-invalid={Boolean(errors.user)}
        placeholder="Search by name or email"
        loadOptions={loadUsers}
        cacheOptions
        isClearable
        value={user}
        onChange={(v) => dispatch({ type: 'user/set', user: v ?? null })}
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
  );
}
