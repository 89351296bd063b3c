/**
 * The in-memory data behind the sandbox's Gropius: projects (Trackables), issue templates with their states,
 * priorities, types and templated-field specifications, labels, issues with their body and comments, users
 * with their bearer tokens, and per-project permissions. Only what the Tandem connector reads and writes is
 * modelled; the GraphQL layer (gropius-resolvers.ts) refuses what is not.
 *
 * Times only move forward, one millisecond at least per change, so `lastUpdatedAt` orders every change.
 */
import { randomUUID } from 'node:crypto';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Gropius' ProjectPermissionEntry values this server checks. ADMIN grants every one. */
export type ProjectPermission =
  | 'READ'
  | 'ADMIN'
  | 'CREATE_ISSUES'
  | 'MANAGE_ISSUES'
  | 'COMMENT'
  | 'MODERATOR'
  | 'MANAGE_LABELS';

export interface GUser {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  isAdmin: boolean;
}

export interface GState {
  id: string;
  name: string;
  isOpen: boolean;
}
export interface GPriority {
  id: string;
  name: string;
  value: number;
}
export interface GType {
  id: string;
  name: string;
}

export interface GTemplate {
  id: string;
  name: string;
  isDeprecated: boolean;
  states: GState[];
  priorities: GPriority[];
  types: GType[];
  /** Templated fields the template declares: name → JSON schema of its value. */
  fields: Record<string, Json>;
}

export interface GProject {
  id: string;
  name: string;
  description: string;
  permissions: Map<string, Set<ProjectPermission>>;
}

export interface GLabel {
  id: string;
  name: string;
  color: string;
  description: string;
  trackables: Set<string>;
  createdAt: string;
  createdBy: string;
}

export interface GComment {
  id: string;
  issueId: string;
  body: string;
  isDeleted: boolean;
  createdAt: string;
  createdBy: string;
  lastModifiedAt: string;
  lastModifiedBy: string;
  bodyLastEditedAt: string;
}

export interface GIssue {
  id: string;
  title: string;
  bodyId: string;
  body: string;
  bodyLastEditedAt: string;
  templateId: string;
  stateId: string;
  priorityId: string | null;
  typeId: string;
  labelIds: string[];
  trackableIds: string[];
  templatedFields: Record<string, Json>;
  createdAt: string;
  createdBy: string;
  lastModifiedAt: string;
  lastModifiedBy: string;
  /** Changes with the timeline too (comments), as Gropius' schema describes `Issue.lastUpdatedAt`. */
  lastUpdatedAt: string;
}

export class GropiusStore {
  readonly users = new Map<string, GUser>();
  readonly tokens = new Map<string, string>();
  readonly projects = new Map<string, GProject>();
  readonly templates = new Map<string, GTemplate>();
  readonly labels = new Map<string, GLabel>();
  readonly issues = new Map<string, GIssue>();
  readonly comments = new Map<string, GComment>();
  private last = 0;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** An ISO time strictly after every earlier one. */
  tick(): string {
    this.last = Math.max(this.clock().getTime(), this.last + 1);
    return new Date(this.last).toISOString();
  }

  id(): string {
    return randomUUID();
  }

  addUser(user: Omit<GUser, 'id'>, token: string): GUser {
    const created = { id: this.id(), ...user };
    this.users.set(created.id, created);
    this.tokens.set(token, created.id);
    return created;
  }

  addProject(name: string, description = ''): GProject {
    const project = { id: this.id(), name, description, permissions: new Map() };
    this.projects.set(project.id, project);
    return project;
  }

  grant(projectId: string, userId: string, ...entries: ProjectPermission[]): void {
    const project = this.projects.get(projectId);
    if (!project) throw new Error(`no project ${projectId}`);
    const held = project.permissions.get(userId) ?? new Set<ProjectPermission>();
    for (const e of entries) held.add(e);
    project.permissions.set(userId, held);
  }

  addTemplate(t: {
    name: string;
    states: Omit<GState, 'id'>[];
    priorities: Omit<GPriority, 'id'>[];
    types: Omit<GType, 'id'>[];
    fields?: Record<string, Json>;
    isDeprecated?: boolean;
  }): GTemplate {
    const template: GTemplate = {
      id: this.id(),
      name: t.name,
      isDeprecated: t.isDeprecated ?? false,
      states: t.states.map((s) => ({ id: this.id(), ...s })),
      priorities: t.priorities.map((p) => ({ id: this.id(), ...p })),
      types: t.types.map((x) => ({ id: this.id(), ...x })),
      fields: t.fields ?? {},
    };
    this.templates.set(template.id, template);
    return template;
  }

  /** Whether `userId` holds `entry` on the project: directly, through ADMIN, or as a global admin. */
  may(userId: string, projectId: string, entry: ProjectPermission): boolean {
    if (this.users.get(userId)?.isAdmin) return true;
    const held = this.projects.get(projectId)?.permissions.get(userId);
    return !!held && (held.has(entry) || held.has('ADMIN'));
  }

  /** An issue is readable when any of its trackables is (Gropius: "READ is granted if READ is granted on any Trackable"). */
  mayOnIssue(userId: string, issue: GIssue, entry: ProjectPermission): boolean {
    return issue.trackableIds.some((t) => this.may(userId, t, entry));
  }

  /** Marks an issue changed: the node itself (`lastModifiedAt`) and, always, its timeline (`lastUpdatedAt`). */
  touch(issue: GIssue, userId: string, node: boolean): string {
    const at = this.tick();
    if (node) {
      issue.lastModifiedAt = at;
      issue.lastModifiedBy = userId;
    }
    issue.lastUpdatedAt = at;
    return at;
  }
}

/** A project with the template Gropius' demo data ships ("Default"), states, priorities and types included. */
export function seedDefaultTemplate(store: GropiusStore, opts: { originField?: boolean } = {}): GTemplate {
  return store.addTemplate({
    name: 'Default',
    states: [
      { name: 'Open', isOpen: true },
      { name: 'In Progress', isOpen: true },
      { name: 'Closed', isOpen: false },
    ],
    priorities: [
      { name: 'Low', value: 1 },
      { name: 'Medium', value: 2 },
      { name: 'High', value: 3 },
    ],
    types: [{ name: 'Bug' }, { name: 'Feature' }, { name: 'Task' }],
    ...(opts.originField ? { fields: { tandemOrigin: { type: ['string', 'null'] } } } : {}),
  });
}
