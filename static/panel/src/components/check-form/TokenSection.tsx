import type { Dispatch } from 'react';
import Checkbox from '@atlaskit/checkbox';
import Textfield from '@atlaskit/textfield';
import { Box, Grid, Stack, Text, xcss } from '@atlaskit/primitives';
import { Field, FIELD_IDS } from './Field';
import { twoColumns } from './layout';
import type { CheckFormAction, FormErrors, TokenState } from './state';

const tokenBox = xcss({
  borderRadius: 'radius.medium',
  padding: 'space.150',
  backgroundColor: 'color.background.neutral.subtle.hovered',
});

/**
 * "Check the token too": the sync user's email and API token, sent once for one run and never
 * kept. Only in a build that takes a token.
 */
export function TokenSection({
  token,
  errors,
  dispatch,
}: {
  token: TokenState;
  errors: FormErrors;
  dispatch: Dispatch<CheckFormAction>;
}) {
  return (
    <>
      <Checkbox
        label="Check the token too"
        isChecked={token.enabled}
        onChange={(e) => dispatch({ type: 'token/enable', on: e.target.checked })}
        testId="check-token"
      />
      {token.enabled && (
        <Box xcss={tokenBox} testId="token-section">
          <Stack space="space.150">
            <Text as="p" size="small">
              Tests what the integration itself experiences when it signs in. The token is used once
              for this check and never stored: not in history, not in exports.
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
                  value={token.email}
                  onChange={(e) => dispatch({ type: 'token/email', email: e.currentTarget.value })}
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
                  value={token.apiToken}
                  onChange={(e) => dispatch({ type: 'token/value', token: e.currentTarget.value })}
                  isInvalid={Boolean(errors.token)}
                  aria-describedby={errors.token ? `${FIELD_IDS.token}-error` : undefined}
                  testId="token-value"
                />
              </Field>
            </Grid>
            <Box>
              <Checkbox
                label="The integration connects through the API gateway (api.atlassian.com), not the site URL"
                isChecked={token.viaGateway}
                onChange={(e) => dispatch({ type: 'token/via-gateway', on: e.target.checked })}
                aria-describedby="cd-via-gateway-helper"
                testId="token-via-gateway"
              />
              <Text as="p" size="small" color="color.text.subtle" id="cd-via-gateway-helper">
                Choose this when the integration uses a token with scopes: such a token works only
                through the gateway, and the check then tests each scope the integration needs.
              </Text>
            </Box>
          </Stack>
        </Box>
      )}
    </>
  );
}
