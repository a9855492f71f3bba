import type { ReactNode } from 'react';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { FormField } from '../../types';
import type { FormErrors } from './state';

/** The input of each field, in the order the form shows them (the first invalid one is focused). */
export const FIELD_IDS: Readonly<Record<FormField, string>> = {
  user: 'cd-user',
  projects: 'cd-projects',
  preset: 'cd-preset',
  permissions: 'cd-permissions',
  fields: 'cd-fields',
  issueTypes: 'cd-issue-types',
  email: 'cd-token-email',
  token: 'cd-token-value',
};

/** The field's error when it has one, else its helper text. */
export function describedBy(errors: FormErrors, name: FormField): string {
  return errors[name] ? `${FIELD_IDS[name]}-error` : `${FIELD_IDS[name]}-helper`;
}

/** Focuses the first field (in form order) that has an error; false when none has. */
export function focusFirstInvalid(errors: FormErrors): boolean {
  const first = (Object.keys(FIELD_IDS) as FormField[]).find((k) => errors[k]);
  if (!first) return false;
  document.getElementById(FIELD_IDS[first])?.focus();
  return true;
}

/** A labelled form field with its error (or helper) underneath. */
export function Field({
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
