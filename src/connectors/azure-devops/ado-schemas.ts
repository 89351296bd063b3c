/**
 * The parts of Azure DevOps' work item tracking answers the connector reads (REST 7.1,
 * ../shared/contracts/azure-devops/wit/workItemTracking.json: WorkItem, WorkItemQueryResult, CommentList,
 * AttachmentReference). Lists come on the wire as `{count, value}`, which the spec writes as bare arrays.
 */
import { z } from 'zod';

export const AdoIdentitySchema = z.looseObject({
  id: z.string().optional(),
  displayName: z.string().optional(),
  uniqueName: z.string().optional(),
});
export type AdoIdentity = z.infer<typeof AdoIdentitySchema>;

export const AdoRelationSchema = z.looseObject({
  rel: z.string(),
  url: z.string(),
  attributes: z.record(z.string(), z.unknown()).nullish(),
});
export type AdoRelation = z.infer<typeof AdoRelationSchema>;

/** Field values are JSON of any kind (the spec's `type: object` stands for .NET's JToken). */
export const AdoWorkItemSchema = z.looseObject({
  id: z.number().int(),
  rev: z.number().int(),
  fields: z.record(z.string(), z.unknown()),
  relations: z.array(AdoRelationSchema).nullish(),
  url: z.string(),
});
export type AdoWorkItem = z.infer<typeof AdoWorkItemSchema>;

/** A batch get with `errorPolicy: omit` answers null in the place of an id it could not read. */
export const AdoWorkItemListSchema = z.looseObject({
  count: z.number().int(),
  value: z.array(AdoWorkItemSchema.nullable()),
});

export const AdoWiqlResultSchema = z.looseObject({
  asOf: z.string().optional(),
  workItems: z.array(z.looseObject({ id: z.number().int() })),
});

export const AdoCommentSchema = z.looseObject({
  id: z.number().int(),
  workItemId: z.number().int().optional(),
  text: z.string().optional(),
  isDeleted: z.boolean().optional(),
  createdBy: AdoIdentitySchema.optional(),
  createdDate: z.string(),
  modifiedDate: z.string().optional(),
});
export type AdoComment = z.infer<typeof AdoCommentSchema>;

export const AdoCommentListSchema = z.looseObject({
  comments: z.array(AdoCommentSchema),
  continuationToken: z.string().nullish(),
});

export const AdoAttachmentReferenceSchema = z.looseObject({ id: z.string(), url: z.string() });

/** Azure DevOps' error body: `{"$id":"1","message":"TF…: …","typeKey":"…"}`. */
export const AdoErrorSchema = z.looseObject({ message: z.string(), typeKey: z.string().optional() });
