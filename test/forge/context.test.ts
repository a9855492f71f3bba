import { readContext } from '../../src/resolvers/context';
import { ResolverError } from '../../src/resolvers/envelope';

const base = { accountId: 'a-1', siteUrl: 'https://acme.atlassian.net/jira', cloudId: 'c-1' };

function refused(context: unknown): string {
  try {
    readContext(context);
  } catch (error) {
    expect(error).toBeInstanceOf(ResolverError);
    return (error as ResolverError).code;
  }
  throw new Error('expected a refusal');
}

describe('invocation context', () => {
  test('the admin page', () => {
    expect(
      readContext({
        ...base,
        moduleKey: 'credential-doctor-admin',
        extension: { type: 'jira:adminPage' },
      }),
    ).toEqual({
      accountId: 'a-1',
      siteUrl: 'https://acme.atlassian.net',
      cloudId: 'c-1',
      surface: 'admin',
      projectKey: null,
    });
  });

  test('a project settings page takes its project from the extension', () => {
    expect(
      readContext({
        ...base,
        moduleKey: 'credential-doctor-project',
        extension: { type: 'jira:projectSettingsPage', project: { id: '10000', key: 'sync' } },
      }),
    ).toMatchObject({ surface: 'project', projectKey: 'SYNC' });
  });

  test('module key and extension type must agree', () => {
    expect(
      refused({
        ...base,
        moduleKey: 'credential-doctor-admin',
        extension: { type: 'jira:projectSettingsPage', project: { key: 'SYNC' } },
      }),
    ).toBe('FORBIDDEN');
    expect(refused({ ...base, moduleKey: 'other-module', extension: {} })).toBe('FORBIDDEN');
  });

  test('no signed-in user, no project or a malformed project key is refused', () => {
    expect(refused({ ...base, accountId: undefined, moduleKey: 'credential-doctor-admin' })).toBe(
      'FORBIDDEN',
    );
    expect(
      refused({
        ...base,
        moduleKey: 'credential-doctor-project',
        extension: { type: 'jira:projectSettingsPage' },
      }),
    ).toBe('FORBIDDEN');
    expect(
      refused({
        ...base,
        moduleKey: 'credential-doctor-project',
        extension: { type: 'jira:projectSettingsPage', project: { key: '../OPS' } },
      }),
    ).toBe('FORBIDDEN');
  });

  test('the site comes from the context and must be a URL', () => {
    expect(
      refused({ ...base, siteUrl: 'javascript:alert(1)', moduleKey: 'credential-doctor-admin' }),
    ).toBe('INTERNAL');
  });
});
