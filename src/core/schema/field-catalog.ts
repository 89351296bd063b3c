/**
 * A tracker's field catalog: the fields a rule may name on one side of a connection, each with a type from a
 * small closed set, so the rule editor can offer real fields and refuse a rule whose sides cannot hold each
 * other's values (core/rules/rule-fields.ts). Connectors answer it (TrackerPort.fieldCatalog); the settings
 * page parses it with the same schema.
 */
import { z } from 'zod';

export const FieldTypeSchema = z.enum([
  'text',
  /** Formatted text: Jira's ADF, Markdown bodies. Converts to and from plain text. */
  'richtext',
  'number',
  'boolean',
  'date',
  'datetime',
  'url',
  /** One value of a list of options (a select list, a Redmine list field). */
  'select',
  'multiselect',
  /** Jira's cascading select: an option and a child option. */
  'cascading',
  'user',
  'users',
  'labels',
  'version',
  'versions',
  'component',
  'components',
  'status',
  'priority',
  'issuetype',
  'parent',
  'timetracking',
  /** The tracker did not say (a Redmine custom field read without admin rights): checked by no rule. */
  'unknown',
]);
export type FieldType = z.infer<typeof FieldTypeSchema>;

export const CatalogFieldSchema = z.strictObject({
  /** How the tracker identifies it (`customfield_10010`, `cf_4`, `title`). */
  id: z.string(),
  name: z.string(),
  type: FieldTypeSchema,
  /** Paths a rule can use for it, the one to prefer first (`status.name`; a custom field's id). */
  paths: z.array(z.string()).min(1),
  /** The values it may hold, where the tracker lists them (options, statuses, priorities). */
  options: z.array(z.string()).optional(),
});
export type CatalogField = z.infer<typeof CatalogFieldSchema>;

export const FieldCatalogSchema = z.strictObject({
  fields: z.array(CatalogFieldSchema),
  /** What the catalog could not know and why (Redmine's custom fields without admin rights). */
  notes: z.array(z.string()),
});
export type FieldCatalog = z.infer<typeof FieldCatalogSchema>;

/** One side as the rule editor gets it: the catalog, or why it could not be read. */
export const CatalogSideSchema = z.strictObject({
  label: z.string(),
  catalog: FieldCatalogSchema.nullable(),
  error: z.string().nullable(),
});
export type CatalogSide = z.infer<typeof CatalogSideSchema>;
