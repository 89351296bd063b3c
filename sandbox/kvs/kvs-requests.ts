/**
 * Request bodies of the KVS endpoints, as @forge/kvs 1.6.x sends them (out/storage-api.js,
 * out/query.js, out/entity-query.js, out/utils/transaction-request-builder.js). Fields the package
 * leaves `undefined` are dropped by JSON.stringify, so everything optional really is optional.
 */
import { z } from 'zod';

const metadataField = z.enum(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']);
const ttl = z.object({
  value: z.number().int().positive(),
  unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']),
});
const getOptions = z.object({ metadataFields: z.array(metadataField).optional() });
export const setOptions = z.object({
  ttl: ttl.optional(),
  keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
  returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
  returnMetadataFields: z.array(metadataField).optional(),
});
export type SetOptions = z.infer<typeof setOptions>;
export type MetadataField = z.infer<typeof metadataField>;

const key = z.string();
const entityName = z.string();

export const condition = z.object({
  condition: z.enum([
    'BEGINS_WITH',
    'BETWEEN',
    'CONTAINS',
    'NOT_CONTAINS',
    'EQUAL_TO',
    'NOT_EQUAL_TO',
    'EXISTS',
    'NOT_EXISTS',
    'GREATER_THAN',
    'GREATER_THAN_EQUAL_TO',
    'LESS_THAN',
    'LESS_THAN_EQUAL_TO',
  ]),
  values: z.array(z.unknown()),
});
export type Condition = z.infer<typeof condition>;
const filterItem = condition.extend({ property: z.string() });
export type FilterItem = z.infer<typeof filterItem>;
export const filters = z.object({ and: z.array(filterItem).optional(), or: z.array(filterItem).optional() });
export type Filters = z.infer<typeof filters>;

export const getRequest = z.object({ key, options: getOptions.optional() });
export const setRequest = z.object({ key, value: z.unknown(), options: setOptions.optional() });
export const deleteRequest = z.object({ key });

export const queryRequest = z.object({
  limit: z.number().int().optional(),
  after: z.string().optional(),
  where: z.array(filterItem.extend({ property: z.literal('key') })).optional(),
  options: getOptions.optional(),
});

export const entityGetRequest = getRequest.extend({ entityName });
export const entitySetRequest = setRequest.extend({ entityName });
export const entityDeleteRequest = deleteRequest.extend({ entityName });
export const entityQueryRequest = z.object({
  entityName,
  indexName: z.string(),
  partition: z.array(z.unknown()).optional(),
  range: condition.optional(),
  filters: filters.optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  limit: z.number().int().optional(),
  cursor: z.string().optional(),
  options: getOptions.optional(),
});

export const batchSetRequest = z.array(
  z.object({ key, value: z.unknown(), entityName: entityName.optional(), options: setOptions.optional() }),
);
export const batchGetRequest = z.array(
  z.object({ key, entityName: entityName.optional(), options: getOptions.optional() }),
);
export const batchDeleteRequest = z.array(z.object({ key, entityName: entityName.optional() }));

export const transactionRequest = z.object({
  set: z
    .array(
      z.object({
        key,
        value: z.unknown(),
        entityName: entityName.optional(),
        conditions: filters.optional(),
        options: setOptions.optional(),
      }),
    )
    .optional(),
  delete: z
    .array(z.object({ key, entityName: entityName.optional(), conditions: filters.optional() }))
    .optional(),
  check: z.array(z.object({ key, entityName: entityName.optional(), conditions: filters })).optional(),
});
export type TransactionRequest = z.infer<typeof transactionRequest>;
