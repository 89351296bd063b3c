import { textToAdf } from './adf/adf-text';
import { demoLocalWorkflow, demoPartnerWorkflow } from './catalog';
import type { Actor } from './domain/actor';
import { createIssue, transitionIssue } from './domain/issue-ops';
import type { JiraEmulator } from './emulator';
import type { Site } from './site';
import { PROJECT_PERMISSION_KEYS } from './domain/permissions';
import type { Comment, Grantee, PermissionScheme, Project, User } from './state';

/** Known demo credentials; the same people exist on both sites, with the same account ids, as in Atlassian Cloud. */
export const DEMO_USERS = {
  admin: { email: 'admin@example.com', apiToken: 'admin-token', displayName: 'Ada Admin', admin: true },
  user: { email: 'user@example.com', apiToken: 'user-token', displayName: 'Uma User', admin: false },
  viewer: { email: 'viewer@example.com', apiToken: 'viewer-token', displayName: 'Vic Viewer', admin: false },
} as const;

/**
 * The demo projects' permission scheme: admins (the site-admins group) hold everything; Uma edits,
 * creates, transitions and comments but does not administer the project; Vic may only browse.
 */
function demoScheme(user: User, viewer: User): PermissionScheme {
  const admins: Grantee = { type: 'site-admins' };
  const uma: Grantee = { type: 'user', accountId: user.accountId };
  const vic: Grantee = { type: 'user', accountId: viewer.accountId };
  return Object.fromEntries(
    PROJECT_PERMISSION_KEYS.map((key): [string, Grantee[]] => {
      if (key === 'ADMINISTER_PROJECTS') return [key, [admins]];
      if (key === 'BROWSE_PROJECTS') return [key, [admins, uma, vic]];
      return [key, [admins, uma]];
    }),
  );
}

export const DEMO_CUSTOM_FIELD = 'Story Points';

/** Seed data starts on a fixed Monday so runs are byte-for-byte identical; each seeded change is a minute later. */
const SEED_EPOCH = Date.UTC(2025, 5, 2, 9, 0, 0);

const SUMMARIES = [
  'Login page rejects valid passwords',
  'Export issues as CSV',
  'Dark mode for the dashboard',
  'Crash when saving empty form',
  'Add audit log for admin actions',
  'Slow search on large projects',
  'Translate settings page to German',
  'Email digest sends twice',
  'Upgrade build toolchain',
  'Document the public API',
  'Mobile layout breaks on small screens',
  'Retry failed webhook deliveries',
  'Show avatars in comment threads',
  'Timezone shown wrong in reports',
  'Bulk edit labels',
  'Improve onboarding checklist',
  'Flaky test in payment module',
  'Archive inactive projects',
  'Keyboard shortcuts for navigation',
  'Rate-limit the public endpoints',
];
const LABELS = [['backend'], ['frontend', 'ux'], [], ['backend', 'performance'], ['docs']];

/**
 * The demo's workflows (catalog.ts) put the sync's hard cases on screen: DEMO-3's Done reaches PARTNER only
 * by To Do → In Progress → Done with a resolution, and DEMO-5's Won't Do cannot reach PARTNER at all.
 */
const DEMO_SITES = {
  local: { key: 'DEMO', name: 'Demo', workflow: demoLocalWorkflow, wontDo: 4 },
  partner: { key: 'PARTNER', name: 'Partner', workflow: demoPartnerWorkflow, wontDo: undefined },
} as const;

/**
 * Versions, components and typed custom fields, partly different on the two sites, as two companies' sites
 * are: DEMO has version 2.0 and component Mobile, which PARTNER lacks; PARTNER's Severity has Trivial and
 * its Region has Americas / Canada, which DEMO's lack. PARTNER creates its fields in another order, so the
 * same name has another id there: rules must name fields by name, or by each site's id.
 */
export const DEMO_FIELDS = {
  versions: { local: ['1.0', '1.1', '2.0'], partner: ['1.0', '1.1'] },
  components: { local: ['Backend', 'Frontend', 'Mobile'], partner: ['Backend', 'Frontend'] },
  custom: [
    { name: 'Start date', type: 'datepicker' },
    { name: 'Story point estimate', type: 'number' },
    {
      name: 'Severity',
      type: 'select',
      local: ['Critical', 'Major', 'Minor'],
      partner: ['Critical', 'Major', 'Minor', 'Trivial'],
    },
    {
      name: 'Platforms',
      type: 'multiselect',
      local: ['Web', 'iOS', 'Android'],
      partner: ['Web', 'iOS', 'Android'],
    },
    {
      name: 'Region',
      type: 'cascadingselect',
      local: ['Europe/Germany', 'Europe/France', 'Americas/USA'],
      partner: ['Europe/Germany', 'Europe/France', 'Americas/USA', 'Americas/Canada'],
    },
    { name: 'Reviewer', type: 'userpicker' },
    { name: 'Deployed at', type: 'datetime' },
    { name: 'Spec', type: 'url' },
    { name: 'Teams', type: 'labels' },
  ],
} as const;

function seedFields(site: Site, project: Project, side: 'local' | 'partner'): void {
  for (const name of DEMO_FIELDS.versions[side]) site.addVersion(project, { name, released: name === '1.0' });
  for (const name of DEMO_FIELDS.components[side]) site.addComponent(project, { name });
  const custom = side === 'local' ? DEMO_FIELDS.custom : [...DEMO_FIELDS.custom].reverse();
  for (const field of custom)
    site.addCustomField({
      name: field.name,
      type: field.type,
      ...('local' in field ? { options: field[side] } : {}),
    });
}

function seedSite(site: Site, demo: (typeof DEMO_SITES)[keyof typeof DEMO_SITES]): void {
  const { key: projectKey, name: projectName, wontDo } = demo;
  const admin = site.addUser({ ...DEMO_USERS.admin });
  const user = site.addUser({ ...DEMO_USERS.user });
  const viewer = site.addUser({ ...DEMO_USERS.viewer });
  const project = site.addProject({ key: projectKey, name: projectName, leadAccountId: admin.accountId });
  project.permissionScheme = demoScheme(user, viewer);
  project.workflow = demo.workflow();
  const points = site.addCustomField({ name: DEMO_CUSTOM_FIELD, type: 'number' });
  seedFields(site, project, site.name === 'partner' ? 'partner' : 'local');
  const actorOf = (u: User): Actor => ({
    identity: { kind: 'user', accountId: u.accountId },
    accountId: u.accountId,
    byApp: false,
  });

  SUMMARIES.forEach((summary, i) => {
    const author = i % 2 === 0 ? admin : user;
    const issue = createIssue(site, actorOf(author), {
      fields: {
        project: { key: projectKey },
        issuetype: { name: i % 4 === 3 ? 'Bug' : 'Task' },
        summary,
        description: textToAdf(`${summary}.\nSeeded demo issue ${i + 1} on ${site.name}.`),
        priority: { id: String((i % 5) + 1) },
        labels: [...(LABELS[i % LABELS.length] ?? [])],
        ...(i % 3 === 0 ? { assignee: { accountId: user.accountId } } : {}),
        ...(i % 2 === 0 ? { [points.id]: (i % 8) + 1 } : {}),
      },
    });
    if (i % 5 === 1 || i % 5 === 2)
      transitionIssue(site, actorOf(admin), issue, { transition: { id: '21' } });
    // The partner's Done screen asks for a resolution, which a person fills; the local one has no screen.
    const done = project.workflow.transitions.find((t) => t.id === '31');
    if (i % 5 === 2)
      transitionIssue(site, actorOf(admin), issue, {
        transition: { id: '31' },
        ...((done?.screen ?? []).length > 0 ? { fields: { resolution: { name: 'Done' } } } : {}),
      });
    // One local issue in a status the partner's workflow has but no transition reaches.
    if (wontDo === i) transitionIssue(site, actorOf(admin), issue, { transition: { id: '41' } });
    if (i % 3 === 0) {
      for (const [n, who] of [admin, user].entries()) {
        const comment: Comment = {
          id: site.nextId('comment'),
          issueId: issue.id,
          authorId: who.accountId,
          updateAuthorId: who.accountId,
          body: textToAdf(n === 0 ? `Looking into ${issue.key}.` : 'Thanks, I can reproduce it.'),
          created: site.now(),
          updated: site.now(),
          visibility: null,
          properties: {},
        };
        site.state.comments[comment.id] = comment;
        issue.updated = comment.created;
      }
    }
  });
}

/**
 * Sites `local` (project DEMO) and `partner` (project PARTNER), 20 issues each with comments, transitions and
 * a "Story Points" custom field. Deterministic: a stepped clock drives every timestamp during seeding.
 */
export function seedDemo(emulator: JiraEmulator): void {
  let tick = SEED_EPOCH;
  emulator.withClock(
    () => (tick += 60_000),
    () => {
      for (const [name, demo] of Object.entries(DEMO_SITES)) {
        const site = emulator.addSite(name);
        seedSite(site, demo);
        // Seed data is pre-existing history, not activity: the app must not be triggered by it.
        site.drainEvents();
      }
    },
  );
}
