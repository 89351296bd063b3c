import { DEFAULT_STATUSES, ISSUE_TYPES, PRIORITIES, defaultWorkflow } from './catalog';
import { notFound } from './http/reply';
import type {
  Attachment,
  Comment,
  CounterName,
  Component,
  CustomField,
  Issue,
  IssueLink,
  Project,
  RemoteLink,
  SiteState,
  Status,
  User,
  Version,
  Worklog,
} from './state';
import type { JiraProductEvent } from './types';
import { createHash } from 'node:crypto';

/** What a site borrows from its emulator: the clock and the public base URL used in `self` links. */
export interface SiteEnv {
  now(): number;
  baseUrl(site: string): string;
}

/** Account ids look like Jira's (`712020:` + uuid) and are derived from the email so seeds stay deterministic. */
export function accountIdFor(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `712020:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A user's Data Center username: the email's local part, as many directories have it. */
export function usernameOf(user: User): string {
  return user.email?.split('@')[0] ?? user.accountId;
}

export function emptySiteState(name: string, flavor: SiteState['flavor'] = 'cloud'): SiteState {
  const appAccountId = accountIdFor(`app@${name}`);
  return {
    name,
    flavor,
    appAccountId,
    counters: {
      project: 10000,
      issue: 10000,
      comment: 10000,
      attachment: 10000,
      issueLink: 10000,
      remoteLink: 10000,
      history: 10000,
      customField: 10049,
      worklog: 10000,
      version: 10000,
      component: 10000,
      option: 10000,
    },
    users: {
      [appAccountId]: {
        accountId: appAccountId,
        accountType: 'app',
        email: null,
        displayName: 'Tandem',
        active: true,
        admin: true,
        apiTokens: [],
        timeZone: 'UTC',
      },
    },
    statuses: Object.fromEntries(DEFAULT_STATUSES.map((s) => [s.id, { ...s }])),
    projects: {},
    customFields: [],
    issues: {},
    comments: {},
    worklogs: {},
    versions: {},
    components: {},
    attachments: {},
    issueLinks: {},
    remoteLinks: {},
    devInfo: {},
    webhooks: {},
  };
}

/** One emulated Jira site: its state plus the lookups every endpoint needs. */
export class Site {
  private readonly pending: JiraProductEvent[] = [];

  constructor(
    public state: SiteState,
    private readonly env: SiteEnv,
  ) {}

  get name(): string {
    return this.state.name;
  }

  get baseUrl(): string {
    return this.env.baseUrl(this.state.name);
  }

  /** API base for `self` links. */
  get api(): string {
    return `${this.baseUrl}/rest/api/${this.dataCenter ? 2 : 3}`;
  }

  get dataCenter(): boolean {
    return this.state.flavor === 'data-center';
  }

  /** Data Center names users by username; the emulator derives it from the email (or the account id). */
  userByName(name: string): User | undefined {
    return Object.values(this.state.users).find((u) => usernameOf(u) === name);
  }

  now(): number {
    return this.env.now();
  }

  nextId(counter: CounterName): string {
    this.state.counters[counter] += 1;
    return String(this.state.counters[counter]);
  }

  emit(event: JiraProductEvent): void {
    this.pending.push(event);
  }

  drainEvents(): JiraProductEvent[] {
    return this.pending.splice(0, this.pending.length);
  }

  // --- users -------------------------------------------------------------------------------------------------

  addUser(input: { email: string; displayName: string; admin: boolean; apiToken: string }): User {
    const user: User = {
      accountId: accountIdFor(input.email),
      accountType: 'atlassian',
      email: input.email,
      displayName: input.displayName,
      active: true,
      admin: input.admin,
      apiTokens: [input.apiToken],
      timeZone: 'UTC',
    };
    this.state.users[user.accountId] = user;
    return user;
  }

  user(accountId: string): User | undefined {
    return this.state.users[accountId];
  }

  requireUser(accountId: string): User {
    const user = this.user(accountId);
    if (!user) throw notFound(`Specified user does not exist or you do not have required permissions`);
    return user;
  }

  userByEmail(email: string): User | undefined {
    const wanted = email.toLowerCase();
    return Object.values(this.state.users).find((u) => u.email?.toLowerCase() === wanted);
  }

  get appUser(): User {
    const app = this.user(this.state.appAccountId);
    if (!app) throw new Error(`site ${this.name} has no app user`);
    return app;
  }

  // --- projects and configuration ----------------------------------------------------------------------------

  addProject(input: { key: string; name: string; leadAccountId: string }): Project {
    const project: Project = {
      id: this.nextId('project'),
      key: input.key,
      name: input.name,
      leadAccountId: input.leadAccountId,
      issueTypeIds: ISSUE_TYPES.map((t) => t.id),
      nextIssueNumber: 1,
      workflow: defaultWorkflow(),
    };
    this.state.projects[project.id] = project;
    return project;
  }

  /**
   * A custom field; a select's options are given by value (a cascading select's as `Parent/Child`) and get
   * ids from the site's option counter.
   */
  addCustomField(input: { name: string; type: CustomField['type']; options?: readonly string[] }): CustomField {
    const field: CustomField = {
      id: `customfield_${this.nextId('customField')}`,
      name: input.name,
      type: input.type,
    };
    if (input.options) field.options = this.optionsOf(input.options);
    this.state.customFields.push(field);
    return field;
  }

  private optionsOf(values: readonly string[]): NonNullable<CustomField['options']> {
    const out: NonNullable<CustomField['options']> = [];
    for (const value of values) {
      const [parent = value, child] = value.split('/');
      let option = out.find((o) => o.value === parent);
      if (!option) {
        option = { id: this.nextId('option'), value: parent, disabled: false };
        out.push(option);
      }
      if (child !== undefined)
        option.children = [...(option.children ?? []), { id: this.nextId('option'), value: child }];
    }
    return out;
  }

  addVersion(project: Project, input: { name: string; description?: string; released?: boolean }): Version {
    const version: Version = {
      id: this.nextId('version'),
      projectId: project.id,
      name: input.name,
      ...(input.description === undefined ? {} : { description: input.description }),
      released: input.released ?? false,
      archived: false,
    };
    this.state.versions[version.id] = version;
    return version;
  }

  addComponent(project: Project, input: { name: string; description?: string }): Component {
    const component: Component = {
      id: this.nextId('component'),
      projectId: project.id,
      name: input.name,
      ...(input.description === undefined ? {} : { description: input.description }),
    };
    this.state.components[component.id] = component;
    return component;
  }

  versionsOf(projectId: string): Version[] {
    return Object.values(this.state.versions)
      .filter((v) => v.projectId === projectId)
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  componentsOf(projectId: string): Component[] {
    return Object.values(this.state.components)
      .filter((c) => c.projectId === projectId)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  findProject(idOrKey: string): Project | undefined {
    return (
      this.state.projects[idOrKey] ??
      Object.values(this.state.projects).find((p) => p.key.toUpperCase() === idOrKey.toUpperCase())
    );
  }

  requireProject(idOrKey: string): Project {
    const project = this.findProject(idOrKey);
    if (!project) throw notFound(`No project could be found with key '${idOrKey}'.`);
    return project;
  }

  projectOf(issue: Issue): Project {
    const project = this.state.projects[issue.projectId];
    if (!project) throw new Error(`issue ${issue.key} has no project`);
    return project;
  }

  status(id: string): Status {
    const status = this.state.statuses[id];
    if (!status) throw new Error(`unknown status ${id}`);
    return status;
  }

  customField(id: string): CustomField | undefined {
    return this.state.customFields.find((f) => f.id === id);
  }

  // --- issues and their parts --------------------------------------------------------------------------------

  findIssue(idOrKey: string): Issue | undefined {
    const byId = this.state.issues[idOrKey];
    if (byId) return byId;
    const key = idOrKey.toUpperCase();
    return Object.values(this.state.issues).find((i) => i.key === key);
  }

  /** Jira answers the same 404 whether the issue is missing or hidden. */
  requireIssue(idOrKey: string): Issue {
    const issue = this.findIssue(idOrKey);
    if (!issue) throw notFound('Issue does not exist or you do not have permission to see it.');
    return issue;
  }

  issueById(id: string): Issue | undefined {
    return this.state.issues[id];
  }

  commentsOf(issueId: string): Comment[] {
    return Object.values(this.state.comments)
      .filter((c) => c.issueId === issueId)
      .sort((a, b) => a.created - b.created || Number(a.id) - Number(b.id));
  }

  /** Ordered by created time, as getIssueWorklog answers them. */
  worklogsOf(issueId: string): Worklog[] {
    return Object.values(this.state.worklogs)
      .filter((w) => w.issueId === issueId)
      .sort((a, b) => a.created - b.created || Number(a.id) - Number(b.id));
  }

  attachmentsOf(issueId: string): Attachment[] {
    return Object.values(this.state.attachments)
      .filter((a) => a.issueId === issueId)
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  linksOf(issueId: string): IssueLink[] {
    return Object.values(this.state.issueLinks)
      .filter((l) => l.sourceIssueId === issueId || l.destinationIssueId === issueId)
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  remoteLinksOf(issueId: string): RemoteLink[] {
    return Object.values(this.state.remoteLinks)
      .filter((l) => l.issueId === issueId)
      .sort((a, b) => a.id - b.id);
  }

  priorityExists(id: string): boolean {
    return PRIORITIES.some((p) => p.id === id);
  }
}
