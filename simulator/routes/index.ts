import type { Handler } from './context';
import { getCreateIssueMetaIssueTypeId, getCreateIssueMetaIssueTypes } from './createmeta';
import {
  findUsers,
  findUsersWithAllPermissions,
  getCurrentUser,
  getUser,
  getUserGroups,
} from './identity';
import { getEditIssueMeta, getFields, removedSearch, searchJql } from './issues';
import { getAllPermissions, getBulkPermissions, getMyPermissions } from './permissions';
import {
  getAllProjectCategories,
  getProject,
  getProjectRole,
  getProjectRoles,
  searchProjects,
} from './projects';
import { getAssignedPermissionScheme, getPermissionScheme } from './schemes';
import {
  getFieldConfigurationSchemeProjectMapping,
  getIssueTypeSchemeForProjects,
  getIssueTypeScreenSchemeProjectAssociations,
  searchSecuritySchemes,
} from './scheme-mappings';
import { getServerInfo, getSiteStatus, getTenantInfo } from './site';
import {
  addAttachment,
  addComment,
  addWorklog,
  assignIssue,
  createIssue,
  doTransition,
  editIssue,
  getAttachmentContent,
  getComments,
  getIssue,
  getIssueWatchers,
  getIssueWorklog,
  getTransitions,
  linkIssues,
} from './sync-operations';

/** Handlers by operationId (see `operations.ts`). */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  getTenantInfo,
  getSiteStatus,
  getServerInfo,
  getCurrentUser,
  getUser,
  getUserGroups,
  findUsers,
  findUsersWithAllPermissions,
  getMyPermissions,
  getAllPermissions,
  getBulkPermissions,
  searchProjects,
  getAllProjectCategories,
  getProject,
  getProjectRoles,
  getProjectRole,
  getAssignedPermissionScheme,
  getPermissionScheme,
  getIssueTypeSchemeForProjects,
  getIssueTypeScreenSchemeProjectAssociations,
  getFieldConfigurationSchemeProjectMapping,
  searchSecuritySchemes,
  getCreateIssueMetaIssueTypes,
  getCreateIssueMetaIssueTypeId,
  searchForIssuesUsingJql: removedSearch,
  searchForIssuesUsingJqlPost: removedSearch,
  searchAndReconsileIssuesUsingJqlPost: searchJql,
  getEditIssueMeta,
  getFields,
  getIssue,
  getTransitions,
  getComments,
  getIssueWorklog,
  getIssueWatchers,
  getAttachmentContent,
  createIssue,
  editIssue,
  addComment,
  doTransition,
  addAttachment,
  linkIssues,
  assignIssue,
  addWorklog,
};

export type { Handler, RequestContext } from './context';
export { QueryReader } from './context';
