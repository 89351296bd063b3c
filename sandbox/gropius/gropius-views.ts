/**
 * Store records as the GraphQL objects of Gropius' schema. Each view carries `__typename`, so the
 * schema's interfaces (Node, Trackable, Comment, User) resolve to the right type, and list fields are
 * functions of their arguments, which graphql-js' default resolver calls. A field left out of a view is
 * null, and graphql-js refuses a null for a non-null field: what is not modelled fails loudly.
 */
import { connection, type Value } from './gropius-connection';
import type {
  GComment,
  GIssue,
  GLabel,
  GProject,
  GropiusStore,
  GTemplate,
  GUser,
  Json,
} from './gropius-store';

export interface Ctx {
  store: GropiusStore;
  userId: string;
}

type Args = Record<string, unknown>;

const sameJson = (a: Json | undefined, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function userView(ctx: Ctx, id: string) {
  const u: GUser | undefined = ctx.store.users.get(id);
  if (!u) return null;
  return {
    __typename: 'GropiusUser',
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    isAdmin: u.isAdmin,
    avatar: `https://gropius.invalid/avatar/${u.id}`,
  };
}

export function templateView(t: GTemplate) {
  const pick = (item: { id: string; name: string } & Record<string, unknown>, f: string) =>
    (item as Record<string, Value>)[f];
  return {
    __typename: 'IssueTemplate',
    id: t.id,
    name: t.name,
    description: '',
    isDeprecated: t.isDeprecated,
    issueStates: (a: Args) =>
      connection(
        t.states.map((s) => ({ __typename: 'IssueState', description: '', ...s })),
        a,
        pick,
      ),
    issuePriorities: (a: Args) =>
      connection(
        t.priorities.map((p) => ({ __typename: 'IssuePriority', description: '', ...p })),
        a,
        pick,
      ),
    issueTypes: (a: Args) =>
      connection(
        t.types.map((x) => ({ __typename: 'IssueType', description: '', iconPath: '', ...x })),
        a,
        pick,
      ),
    templateFieldSpecifications: (a: { namePrefix?: string | null }) =>
      Object.entries(t.fields)
        .filter(([name]) => !a.namePrefix || name.startsWith(a.namePrefix))
        .map(([name, value]) => ({ name, value })),
  };
}

export function labelView(ctx: Ctx, l: GLabel) {
  return {
    __typename: 'Label',
    id: l.id,
    name: l.name,
    color: l.color,
    description: l.description,
    createdAt: l.createdAt,
    lastModifiedAt: l.createdAt,
    createdBy: userView(ctx, l.createdBy),
    lastModifiedBy: userView(ctx, l.createdBy),
  };
}

const labelField = (l: GLabel, f: string): Value | undefined =>
  f === 'id' || f === 'name' || f === 'color' || f === 'createdAt' ? l[f] : undefined;

export function commentView(ctx: Ctx, c: GComment) {
  return {
    __typename: 'IssueComment',
    id: c.id,
    body: c.body,
    isDeleted: c.isDeleted,
    createdAt: c.createdAt,
    lastModifiedAt: c.lastModifiedAt,
    bodyLastEditedAt: c.bodyLastEditedAt,
    createdBy: userView(ctx, c.createdBy),
    lastModifiedBy: userView(ctx, c.lastModifiedBy),
    bodyLastEditedBy: userView(ctx, c.lastModifiedBy),
    issue: () => issueViewById(ctx, c.issueId),
  };
}

const commentField = (c: GComment, f: string): Value | undefined =>
  f === 'id' || f === 'createdAt' || f === 'lastModifiedAt' || f === 'bodyLastEditedAt'
    ? c[f]
    : f === 'isCommentDeleted'
      ? c.isDeleted
      : undefined;

const issueField = (i: GIssue, f: string): Value | undefined =>
  f === 'id' || f === 'title' || f === 'createdAt' || f === 'lastModifiedAt' || f === 'lastUpdatedAt'
    ? i[f]
    : undefined;

/** `templatedFields: [{name, value}]` in an IssueFilterInput: every named field holds that value. */
const templatedFieldsFilter = (i: GIssue, arg: unknown) =>
  (arg as { name: string; value?: unknown }[]).every((f) => sameJson(i.templatedFields[f.name], f.value));

export function issueConnection(ctx: Ctx, issues: readonly GIssue[], a: Args) {
  const readable = issues.filter((i) => ctx.store.mayOnIssue(ctx.userId, i, 'READ'));
  const page = connection(readable, a, issueField, { templatedFields: templatedFieldsFilter });
  const view = (i: GIssue) => issueView(ctx, i);
  return {
    ...page,
    nodes: page.nodes.map(view),
    edges: page.edges.map((e) => ({ cursor: e.cursor, node: view(e.node) })),
  };
}

function mapNodes<T, V>(page: ReturnType<typeof connection<T & { id: string }>>, view: (t: T) => V) {
  return {
    ...page,
    nodes: page.nodes.map(view),
    edges: page.edges.map((e) => ({ cursor: e.cursor, node: view(e.node) })),
  };
}

export function issueView(ctx: Ctx, i: GIssue) {
  const { store } = ctx;
  const template = store.templates.get(i.templateId);
  if (!template) throw new Error(`issue ${i.id} has no template ${i.templateId}`);
  const state = template.states.find((s) => s.id === i.stateId);
  const priority = template.priorities.find((p) => p.id === i.priorityId);
  const type = template.types.find((t) => t.id === i.typeId);
  return {
    __typename: 'Issue',
    id: i.id,
    title: i.title,
    createdAt: i.createdAt,
    lastModifiedAt: i.lastModifiedAt,
    lastUpdatedAt: i.lastUpdatedAt,
    createdBy: userView(ctx, i.createdBy),
    lastModifiedBy: userView(ctx, i.lastModifiedBy),
    body: {
      __typename: 'Body',
      id: i.bodyId,
      body: i.body,
      createdAt: i.createdAt,
      lastModifiedAt: i.bodyLastEditedAt,
      bodyLastEditedAt: i.bodyLastEditedAt,
      createdBy: userView(ctx, i.createdBy),
      lastModifiedBy: userView(ctx, i.lastModifiedBy),
      bodyLastEditedBy: userView(ctx, i.lastModifiedBy),
    },
    state: state && { __typename: 'IssueState', description: '', ...state },
    priority: priority ? { __typename: 'IssuePriority', description: '', ...priority } : null,
    type: type && { __typename: 'IssueType', description: '', iconPath: '', ...type },
    template: templateView(template),
    templatedField: (a: { name: string }) => {
      if (!(a.name in template.fields)) throw new Error(`the template has no field "${a.name}"`);
      return i.templatedFields[a.name] ?? null;
    },
    templatedFields: (a: { names?: string[] | null; prefixMatching?: boolean | null }) =>
      Object.keys(template.fields)
        .filter((n) => !a.names || a.names.some((m) => (a.prefixMatching ? n.startsWith(m) : n === m)))
        .map((name) => ({ name, value: i.templatedFields[name] ?? null })),
    labels: (a: Args) =>
      mapNodes(
        connection(
          i.labelIds.flatMap((id) => store.labels.get(id) ?? []),
          a,
          labelField,
        ),
        (l: GLabel) => labelView(ctx, l),
      ),
    issueComments: (a: Args) =>
      mapNodes(
        connection(
          [...store.comments.values()].filter((c) => c.issueId === i.id),
          a,
          commentField,
        ),
        (c: GComment) => commentView(ctx, c),
      ),
    trackables: (a: Args) =>
      mapNodes(
        connection(
          i.trackableIds.flatMap((id) => store.projects.get(id) ?? []),
          a,
          (p: GProject, f) => (f === 'id' || f === 'name' ? p[f] : undefined),
        ),
        (p: GProject) => projectView(ctx, p),
      ),
  };
}

export function issueViewById(ctx: Ctx, id: string) {
  const issue = ctx.store.issues.get(id);
  return issue && ctx.store.mayOnIssue(ctx.userId, issue, 'READ') ? issueView(ctx, issue) : null;
}

export function projectView(ctx: Ctx, p: GProject) {
  const { store } = ctx;
  return {
    __typename: 'Project',
    id: p.id,
    name: p.name,
    description: p.description,
    repositoryURL: null,
    issues: (a: Args) =>
      issueConnection(
        ctx,
        [...store.issues.values()].filter((i) => i.trackableIds.includes(p.id)),
        a,
      ),
    labels: (a: Args) =>
      mapNodes(
        connection(
          [...store.labels.values()].filter((l) => l.trackables.has(p.id)),
          a,
          labelField,
        ),
        (l: GLabel) => labelView(ctx, l),
      ),
  };
}
