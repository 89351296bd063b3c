/**
 * The parts of Jira's answers the export reads, parsed loosely: Jira adds fields freely, and a field the
 * export does not know must not fail a month. Shapes from the platform OpenAPI (IssueBean, Comment,
 * Changelog, FieldDetails in ../shared/contracts/jira).
 */
import { z } from 'zod';

const Named = z.looseObject({ name: z.string().optional(), value: z.string().optional() }).nullish();
const User = z
  .looseObject({ accountId: z.string().optional(), displayName: z.string().optional() })
  .nullish();

export const ExportCommentSchema = z.looseObject({
  id: z.string(),
  author: User,
  body: z.unknown().optional(),
  created: z.string(),
  updated: z.string().optional(),
});

export const ExportHistorySchema = z.looseObject({
  id: z.string(),
  author: User,
  created: z.string(),
  items: z
    .array(
      z.looseObject({
        field: z.string(),
        fieldId: z.string().optional(),
        fieldtype: z.string().optional(),
        from: z.string().nullish(),
        fromString: z.string().nullish(),
        to: z.string().nullish(),
        // `toString` is also every object's inherited method: read it as an own property only
        // (export-rows.ts), never through the parsed object, which would find the method when it is absent.
      }),
    )
    .default([]),
});

/** Worklog (platform OpenAPI `Worklog`): who booked how long, starting when, with an ADF comment on Cloud. */
export const ExportWorklogSchema = z.looseObject({
  id: z.string(),
  author: User,
  comment: z.unknown().optional(),
  started: z.string(),
  timeSpentSeconds: z.number().int().nonnegative(),
  created: z.string().optional(),
  updated: z.string().optional(),
});

/** An entry of `fields.attachment` (platform OpenAPI `Attachment`, its id a string in this field). */
export const ExportAttachmentSchema = z.looseObject({
  id: z.union([z.string(), z.number().int()]).transform(String),
  filename: z.string().optional(),
  author: User,
  created: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  mimeType: z.string().optional(),
  content: z.string().optional(),
});

/** RemoteIssueLink (GET /rest/api/3/issue/{issueIdOrKey}/remotelink): a link to anything with a URL. */
export const ExportRemoteLinkSchema = z.looseObject({
  id: z.union([z.string(), z.number().int()]).transform(String),
  globalId: z.string().optional(),
  application: z.looseObject({ type: z.string().optional(), name: z.string().optional() }).optional(),
  relationship: z.string().optional(),
  object: z.looseObject({
    url: z.string(),
    title: z.string().optional(),
    summary: z.string().optional(),
    status: z.looseObject({ resolved: z.boolean().optional() }).optional(),
  }),
});

const LinkedIssue = z.looseObject({ id: z.string(), key: z.string() });

/** An entry of `fields.issuelinks` (IssueLink): the other issue is `outwardIssue` when this one is the source. */
export const ExportIssueLinkSchema = z.looseObject({
  id: z.string(),
  type: z
    .looseObject({ name: z.string().optional(), inward: z.string().optional(), outward: z.string().optional() })
    .optional(),
  inwardIssue: LinkedIssue.optional(),
  outwardIssue: LinkedIssue.optional(),
});

export const ExportIssueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({
    project: z.looseObject({ key: z.string() }).optional(),
    issuetype: Named,
    status: z
      .looseObject({
        name: z.string().optional(),
        statusCategory: z.looseObject({ key: z.string().optional(), name: z.string().optional() }).optional(),
      })
      .nullish(),
    priority: Named,
    resolution: Named,
    summary: z.string().nullish(),
    description: z.unknown().optional(),
    labels: z.array(z.string()).nullish(),
    components: z.array(Named).nullish(),
    fixVersions: z.array(Named).nullish(),
    assignee: User,
    reporter: User,
    created: z.string(),
    updated: z.string().nullish(),
    resolutiondate: z.string().nullish(),
    duedate: z.string().nullish(),
    comment: z
      .looseObject({ comments: z.array(ExportCommentSchema), total: z.number().int().optional() })
      .nullish(),
    issuelinks: z.array(ExportIssueLinkSchema).nullish(),
    attachment: z.array(ExportAttachmentSchema).nullish(),
    /** The first worklogs (Jira Cloud's search answers 20 at most), or absent where the field is not sent. */
    worklog: z
      .looseObject({ worklogs: z.array(ExportWorklogSchema), total: z.number().int().optional() })
      .nullish(),
  }),
  changelog: z
    .looseObject({ histories: z.array(ExportHistorySchema), total: z.number().int().optional() })
    .optional(),
});

export type ExportIssue = z.infer<typeof ExportIssueSchema>;
export type ExportComment = z.infer<typeof ExportCommentSchema>;
export type ExportHistory = z.infer<typeof ExportHistorySchema>;
export type ExportWorklog = z.infer<typeof ExportWorklogSchema>;
export type ExportRemoteLink = z.infer<typeof ExportRemoteLinkSchema>;

/** An issue with every comment, history entry and worklog, after any paging the search left over. */
export interface CompleteIssue {
  issue: ExportIssue;
  comments: readonly ExportComment[];
  histories: readonly ExportHistory[];
  worklogs: readonly ExportWorklog[];
  /** Not part of an issue's fields: read per issue (GET …/remotelink answers every link at once). */
  remoteLinks: readonly ExportRemoteLink[];
}

export const FieldListSchema = z.array(
  z.looseObject({
    id: z.string(),
    name: z.string(),
    custom: z.boolean().optional(),
    schema: z.looseObject({ type: z.string().optional(), items: z.string().optional() }).optional(),
  }),
);
