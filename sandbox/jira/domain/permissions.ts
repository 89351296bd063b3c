/**
 * The emulator's permission model: a permission scheme per project, plus Jira's global Administer.
 *
 * - Project permissions come from the project's scheme (Jira: "Permissions are granted through permission
 *   schemes", https://support.atlassian.com/jira-cloud-administration/docs/manage-project-permissions/).
 * - The app holds every project permission: Jira adds installed apps to the `atlassian-addons-project-access`
 *   role, which the default scheme grants every permission
 *   (https://support.atlassian.com/jira-cloud-administration/docs/manage-project-permissions/).
 * - Global ADMINISTER is the site-admins group (`User.admin`); it grants no project permission by itself, but
 *   the default scheme grants every project permission to that group, as Jira's default scheme does for
 *   the administrators role.
 */
import type { Actor } from './actor';
import type { Site } from '../site';
import type { Grantee, Issue, PermissionScheme, Project } from '../state';

export type PermissionKey =
  | 'ADMINISTER'
  | 'ADMINISTER_PROJECTS'
  | 'BROWSE_PROJECTS'
  | 'CREATE_ISSUES'
  | 'EDIT_ISSUES'
  | 'DELETE_ISSUES'
  | 'TRANSITION_ISSUES'
  | 'ASSIGN_ISSUES'
  | 'ADD_COMMENTS'
  | 'EDIT_ALL_COMMENTS'
  | 'EDIT_OWN_COMMENTS'
  | 'DELETE_ALL_COMMENTS'
  | 'DELETE_OWN_COMMENTS'
  | 'CREATE_ATTACHMENTS'
  | 'DELETE_ALL_ATTACHMENTS'
  | 'LINK_ISSUES'
  | 'WORK_ON_ISSUES'
  | 'EDIT_ALL_WORKLOGS'
  | 'EDIT_OWN_WORKLOGS'
  | 'DELETE_ALL_WORKLOGS'
  | 'DELETE_OWN_WORKLOGS';

export const PROJECT_PERMISSION_KEYS: readonly PermissionKey[] = [
  'ADMINISTER_PROJECTS',
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'DELETE_ISSUES',
  'TRANSITION_ISSUES',
  'ASSIGN_ISSUES',
  'ADD_COMMENTS',
  'EDIT_ALL_COMMENTS',
  'EDIT_OWN_COMMENTS',
  'DELETE_ALL_COMMENTS',
  'DELETE_OWN_COMMENTS',
  'CREATE_ATTACHMENTS',
  'DELETE_ALL_ATTACHMENTS',
  'LINK_ISSUES',
  'WORK_ON_ISSUES',
  'EDIT_ALL_WORKLOGS',
  'EDIT_OWN_WORKLOGS',
  'DELETE_ALL_WORKLOGS',
  'DELETE_OWN_WORKLOGS',
];

/**
 * A project without a scheme of its own (and every snapshot from before schemes): site admins hold
 * everything, any logged-in user everything but administering the project.
 */
export function defaultScheme(): PermissionScheme {
  return Object.fromEntries(
    PROJECT_PERMISSION_KEYS.map((key): [string, Grantee[]] => [
      key,
      key === 'ADMINISTER_PROJECTS'
        ? [{ type: 'site-admins' }]
        : [{ type: 'site-admins' }, { type: 'anyone' }],
    ]),
  );
}

function grants(site: Site, grantee: Grantee, accountId: string): boolean {
  const user = site.user(accountId);
  if (!user?.active) return false;
  switch (grantee.type) {
    case 'user':
      return grantee.accountId === accountId;
    case 'site-admins':
      return user.admin;
    case 'anyone':
      return user.accountType === 'atlassian';
  }
}

/** Whether the caller holds a permission: a global one, or a project one in this project. */
export function holds(site: Site, actor: Actor, permission: PermissionKey, project?: Project): boolean {
  if (actor.byApp) return true;
  if (permission === 'ADMINISTER') return site.user(actor.accountId)?.admin === true;
  if (!project) return false;
  const scheme = project.permissionScheme ?? defaultScheme();
  return (scheme[permission] ?? []).some((g) => grants(site, g, actor.accountId));
}

/** Browse on the issue's project. The emulator has no issue-level security, so that is all it takes. */
export function canBrowse(site: Site, actor: Actor, issue: Issue): boolean {
  return holds(site, actor, 'BROWSE_PROJECTS', site.projectOf(issue));
}
