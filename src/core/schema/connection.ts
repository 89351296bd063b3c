/**
 * A connection: one local Jira project, one remote tracker project, the rules between them, and the
 * limits that keep a bad rule from damaging either side. Credentials are not part of it: they live in
 * Forge secret storage and never travel to the browser.
 */
import { z } from 'zod';
import { jqlFragmentProblem } from './jql-fragment';
import { RuleListSchema } from './rules';

export const TrackerKindSchema = z.enum(['jira', 'github', 'gitlab', 'redmine', 'azure-devops', 'gropius']);
export type TrackerKind = z.infer<typeof TrackerKindSchema>;

export const ConnectionIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, at most 63');

export const UserMapEntrySchema = z.strictObject({ local: z.string().min(1), remote: z.string().min(1) });

export const ConnectionSchema = z.strictObject({
  id: ConnectionIdSchema,
  name: z.string().min(1).max(120),
  enabled: z.boolean().default(true),
  localProject: z.string().regex(/^[A-Z][A-Z0-9_]{0,9}$/, 'a Jira project key such as DEMO'),
  /** Narrows which local issues take part: a JQL fragment ANDed with the project. */
  localFilter: z
    .string()
    .max(2000)
    .refine((f) => jqlFragmentProblem(f) === undefined, {
      error: (issue) => `filter: ${jqlFragmentProblem(String(issue.input)) ?? 'invalid'}`,
    })
    .optional(),
  remote: z.strictObject({
    kind: TrackerKindSchema,
    baseUrl: z.url().optional(),
    /**
     * Project key (Jira), owner/repo (GitHub), group/project path (GitLab), project identifier (Redmine),
     * project name (Azure DevOps, with the organization URL as `baseUrl`), project (Trackable) id (Gropius,
     * whose `baseUrl` is its GraphQL API URL).
     */
    project: z.string().min(1),
    /** The remote account Tandem acts as; `onlyAssigned` rules compare the remote assignee to it. */
    self: z.string().optional(),
    /** Jira only: Cloud (email + API token, REST v3) or Data Center (personal access token, REST v2). */
    flavor: z.enum(['cloud', 'data-center']).default('cloud'),
  }),
  create: z
    .strictObject({ toRemote: z.boolean().default(true), toLocal: z.boolean().default(true) })
    .default({ toRemote: true, toLocal: true }),
  /** Gropius' enable-outgoing flags: a quick way to stop one kind of write without touching rules. */
  outgoing: z
    .strictObject({
      enabled: z.boolean().default(true),
      title: z.boolean().default(true),
      labels: z.boolean().default(true),
      state: z.boolean().default(true),
      comments: z.boolean().default(true),
      attachments: z.boolean().default(true),
    })
    .default({ enabled: true, title: true, labels: true, state: true, comments: true, attachments: true }),
  limits: z
    .strictObject({
      /** Damage control: a cycle planning more writes than this is held for an admin. */
      maxMutationsPerCycle: z.number().int().min(1).max(100000).default(200),
    })
    .default({ maxMutationsPerCycle: 200 }),
  users: z
    .strictObject({
      map: z.array(UserMapEntrySchema).default([]),
      defaultLocal: z.string().optional(),
      defaultRemote: z.string().optional(),
    })
    .default({ map: [] }),
  rules: RuleListSchema,
});

export type Connection = z.infer<typeof ConnectionSchema>;
export type ConnectionInput = z.input<typeof ConnectionSchema>;
