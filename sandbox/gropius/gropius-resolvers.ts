/**
 * The queries and mutations Tandem's Gropius connector uses, over the in-memory store. Every mutation
 * checks the caller's project permission before it changes anything, as Gropius' services do
 * (ccims/gropius-backend, `core/.../service/issue/IssueService.kt`: `checkPermission(... MANAGE_ISSUES)`,
 * COMMENT for comments, CREATE_ISSUES on every trackable for createIssue, MANAGE_LABELS for labels).
 * A refusal is a GraphQL error and leaves the store as it was.
 */
import { GraphQLError } from 'graphql';
import { connection } from './gropius-connection';
import type { GComment, GIssue, Json, ProjectPermission } from './gropius-store';
import {
  commentView,
  issueView,
  issueViewById,
  labelView,
  projectView,
  templateView,
  userView,
  type Ctx,
} from './gropius-views';

type Input<T> = { input: T };

function issueFor(ctx: Ctx, id: string, entry: ProjectPermission): GIssue {
  const issue = ctx.store.issues.get(id);
  if (!issue || !ctx.store.mayOnIssue(ctx.userId, issue, 'READ'))
    throw new GraphQLError(`Node with id ${id} not found`);
  if (!ctx.store.mayOnIssue(ctx.userId, issue, entry))
    throw new GraphQLError(`User does not have permission ${entry} on a trackable of issue ${id}`);
  return issue;
}

function commentFor(ctx: Ctx, id: string): { comment: GComment; issue: GIssue } {
  const comment = ctx.store.comments.get(id);
  if (!comment || comment.isDeleted) throw new GraphQLError(`Node with id ${id} not found`);
  const issue = issueFor(ctx, comment.issueId, 'READ');
  // Gropius lets the author edit their comment, and a moderator anyone's.
  if (comment.createdBy !== ctx.userId && !ctx.store.mayOnIssue(ctx.userId, issue, 'MODERATOR'))
    throw new GraphQLError(`User may not change comment ${id}`);
  return { comment, issue };
}

function validTemplatedFields(template: { fields: Record<string, Json> }, fields: { name: string }[]) {
  const unknown = fields.find((f) => !(f.name in template.fields));
  if (unknown) throw new GraphQLError(`No templated field "${unknown.name}" in the template`);
}

export function gropiusResolvers() {
  return {
    Query: {
      currentUser: (_: unknown, __: unknown, ctx: Ctx) => userView(ctx, ctx.userId),
      node: (_: unknown, a: { id: string }, ctx: Ctx) => {
        const project = ctx.store.projects.get(a.id);
        if (project) return ctx.store.may(ctx.userId, a.id, 'READ') ? projectView(ctx, project) : null;
        const template = ctx.store.templates.get(a.id);
        if (template) return templateView(template);
        return issueViewById(ctx, a.id) ?? null;
      },
      issueTemplates: (_: unknown, a: Record<string, unknown>, ctx: Ctx) => {
        const page = connection([...ctx.store.templates.values()], a, (t, f) =>
          f === 'id' || f === 'name' || f === 'isDeprecated' ? t[f] : undefined,
        );
        return { ...page, nodes: page.nodes.map(templateView), edges: [] };
      },
    },
    Mutation: {
      createIssue: (
        _: unknown,
        {
          input,
        }: Input<{
          title: string;
          body: string;
          template: string;
          state: string;
          type: string;
          trackables: string[];
          templatedFields: { name: string; value?: Json }[];
        }>,
        ctx: Ctx,
      ) => {
        const { store } = ctx;
        if (input.trackables.length === 0) throw new GraphQLError('An issue needs at least one trackable');
        for (const t of input.trackables)
          if (!store.projects.has(t) || !store.may(ctx.userId, t, 'CREATE_ISSUES'))
            throw new GraphQLError(`User does not have permission CREATE_ISSUES on ${t}`);
        const template = store.templates.get(input.template);
        if (!template || template.isDeprecated)
          throw new GraphQLError(`Template ${input.template} not found or deprecated`);
        if (!template.states.some((s) => s.id === input.state))
          throw new GraphQLError(`State ${input.state} is not part of the template`);
        if (!template.types.some((s) => s.id === input.type))
          throw new GraphQLError(`Type ${input.type} is not part of the template`);
        validTemplatedFields(template, input.templatedFields);
        const at = store.tick();
        const issue: GIssue = {
          id: store.id(),
          title: input.title,
          bodyId: store.id(),
          body: input.body,
          bodyLastEditedAt: at,
          templateId: template.id,
          stateId: input.state,
          priorityId: null,
          typeId: input.type,
          labelIds: [],
          trackableIds: [...input.trackables],
          templatedFields: Object.fromEntries(input.templatedFields.map((f) => [f.name, f.value ?? null])),
          createdAt: at,
          createdBy: ctx.userId,
          lastModifiedAt: at,
          lastModifiedBy: ctx.userId,
          lastUpdatedAt: at,
        };
        store.issues.set(issue.id, issue);
        return { issue: issueView(ctx, issue) };
      },
      changeIssueTitle: (_: unknown, { input }: Input<{ issue: string; title: string }>, ctx: Ctx) => {
        const issue = issueFor(ctx, input.issue, 'MANAGE_ISSUES');
        if (issue.title === input.title) return { titleChangedEvent: null };
        const old = issue.title;
        issue.title = input.title;
        const at = ctx.store.touch(issue, ctx.userId, true);
        return { titleChangedEvent: event(ctx, issue, at, { oldTitle: old, newTitle: input.title }) };
      },
      updateBody: (_: unknown, { input }: Input<{ id: string; body?: string | null }>, ctx: Ctx) => {
        const issue = [...ctx.store.issues.values()].find((i) => i.bodyId === input.id);
        if (!issue) throw new GraphQLError(`Node with id ${input.id} not found`);
        issueFor(ctx, issue.id, 'MANAGE_ISSUES');
        if (input.body != null) {
          issue.body = input.body;
          issue.bodyLastEditedAt = ctx.store.touch(issue, ctx.userId, true);
        }
        return { body: issueView(ctx, issue).body };
      },
      changeIssueState: (_: unknown, { input }: Input<{ issue: string; state: string }>, ctx: Ctx) =>
        changeTemplated(ctx, input.issue, 'state', input.state),
      changeIssuePriority: (
        _: unknown,
        { input }: Input<{ issue: string; priority?: string | null }>,
        ctx: Ctx,
      ) => changeTemplated(ctx, input.issue, 'priority', input.priority ?? null),
      changeIssueType: (_: unknown, { input }: Input<{ issue: string; type: string }>, ctx: Ctx) =>
        changeTemplated(ctx, input.issue, 'type', input.type),
      changeIssueTemplatedField: (
        _: unknown,
        { input }: Input<{ issue: string; name: string; value?: Json }>,
        ctx: Ctx,
      ) => {
        const issue = issueFor(ctx, input.issue, 'MANAGE_ISSUES');
        const template = ctx.store.templates.get(issue.templateId);
        if (template) validTemplatedFields(template, [input]);
        const old = issue.templatedFields[input.name] ?? null;
        issue.templatedFields[input.name] = input.value ?? null;
        const at = ctx.store.touch(issue, ctx.userId, true);
        return {
          templatedFieldChangedEvent: event(ctx, issue, at, {
            fieldName: input.name,
            oldValue: old,
            newValue: input.value ?? null,
          }),
        };
      },
      addLabelToIssue: (_: unknown, { input }: Input<{ issue: string; label: string }>, ctx: Ctx) => {
        const issue = issueFor(ctx, input.issue, 'MANAGE_ISSUES');
        const label = ctx.store.labels.get(input.label);
        if (!label || !issue.trackableIds.some((t) => label.trackables.has(t)))
          throw new GraphQLError(`Label ${input.label} is not available on a trackable of the issue`);
        if (issue.labelIds.includes(label.id)) return { addedLabelEvent: null };
        issue.labelIds.push(label.id);
        const at = ctx.store.touch(issue, ctx.userId, true);
        return { addedLabelEvent: event(ctx, issue, at, { addedLabel: labelView(ctx, label) }) };
      },
      removeLabelFromIssue: (_: unknown, { input }: Input<{ issue: string; label: string }>, ctx: Ctx) => {
        const issue = issueFor(ctx, input.issue, 'MANAGE_ISSUES');
        const label = ctx.store.labels.get(input.label);
        if (!label || !issue.labelIds.includes(label.id)) return { removedLabelEvent: null };
        issue.labelIds = issue.labelIds.filter((l) => l !== label.id);
        const at = ctx.store.touch(issue, ctx.userId, true);
        return { removedLabelEvent: event(ctx, issue, at, { removedLabel: labelView(ctx, label) }) };
      },
      createLabel: (
        _: unknown,
        { input }: Input<{ name: string; color: string; description: string; trackables: string[] }>,
        ctx: Ctx,
      ) => {
        for (const t of input.trackables)
          if (!ctx.store.projects.has(t) || !ctx.store.may(ctx.userId, t, 'MANAGE_LABELS'))
            throw new GraphQLError(`User does not have permission MANAGE_LABELS on ${t}`);
        const label = {
          id: ctx.store.id(),
          name: input.name,
          color: input.color,
          description: input.description,
          trackables: new Set(input.trackables),
          createdAt: ctx.store.tick(),
          createdBy: ctx.userId,
        };
        ctx.store.labels.set(label.id, label);
        return { label: labelView(ctx, label) };
      },
      createIssueComment: (
        _: unknown,
        { input }: Input<{ issue: string; body: string; answers?: string | null }>,
        ctx: Ctx,
      ) => {
        const issue = issueFor(ctx, input.issue, 'COMMENT');
        const at = ctx.store.touch(issue, ctx.userId, false);
        const comment: GComment = {
          id: ctx.store.id(),
          issueId: issue.id,
          body: input.body,
          isDeleted: false,
          createdAt: at,
          createdBy: ctx.userId,
          lastModifiedAt: at,
          lastModifiedBy: ctx.userId,
          bodyLastEditedAt: at,
        };
        ctx.store.comments.set(comment.id, comment);
        return { issueComment: commentView(ctx, comment) };
      },
      updateIssueComment: (_: unknown, { input }: Input<{ id: string; body?: string | null }>, ctx: Ctx) => {
        const { comment, issue } = commentFor(ctx, input.id);
        if (input.body != null) {
          comment.body = input.body;
          const at = ctx.store.touch(issue, ctx.userId, false);
          comment.lastModifiedAt = at;
          comment.bodyLastEditedAt = at;
          comment.lastModifiedBy = ctx.userId;
        }
        return { issueComment: commentView(ctx, comment) };
      },
      // Gropius keeps a deleted comment in the timeline with `isDeleted` and an empty body.
      deleteIssueComment: (_: unknown, { input }: Input<{ id: string }>, ctx: Ctx) => {
        const { comment, issue } = commentFor(ctx, input.id);
        comment.isDeleted = true;
        comment.body = '';
        comment.lastModifiedAt = ctx.store.touch(issue, ctx.userId, false);
        comment.lastModifiedBy = ctx.userId;
        return { issueComment: commentView(ctx, comment) };
      },
    },
  };
}

function event(ctx: Ctx, issue: GIssue, at: string, extra: Record<string, unknown>) {
  return {
    id: ctx.store.id(),
    createdAt: at,
    lastModifiedAt: at,
    createdBy: userView(ctx, ctx.userId),
    lastModifiedBy: userView(ctx, ctx.userId),
    issue: issueView(ctx, issue),
    ...extra,
  };
}

/** State, priority and type must be values of the issue's own template, as Gropius checks. */
function changeTemplated(ctx: Ctx, issueId: string, what: 'state' | 'priority' | 'type', id: string | null) {
  const issue = issueFor(ctx, issueId, 'MANAGE_ISSUES');
  const template = ctx.store.templates.get(issue.templateId);
  const list =
    what === 'state' ? template?.states : what === 'priority' ? template?.priorities : template?.types;
  if (id !== null && !list?.some((x) => x.id === id))
    throw new GraphQLError(`${what} ${id} is not part of the issue's template`);
  const key = what === 'state' ? 'stateId' : what === 'priority' ? 'priorityId' : 'typeId';
  const view = issueView(ctx, issue);
  const old = view[what];
  if (issue[key] === id) return { [`${what}ChangedEvent`]: null };
  if (key === 'priorityId') issue.priorityId = id;
  else if (id !== null) issue[key] = id;
  const at = ctx.store.touch(issue, ctx.userId, true);
  const now = issueView(ctx, issue)[what];
  const cap = `${what.charAt(0).toUpperCase()}${what.slice(1)}`;
  return { [`${what}ChangedEvent`]: event(ctx, issue, at, { [`old${cap}`]: old, [`new${cap}`]: now }) };
}
