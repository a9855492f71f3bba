export const DEFAULT_TOKEN_ENV = 'JIRA_API_TOKEN';
export const DEFAULT_ADMIN_TOKEN_ENV = 'JIRA_ADMIN_TOKEN';

export type TokenSource = { kind: 'env'; name: string } | { kind: 'stdin' };
