import { parseAnyJson } from '../http/body';
import type { RequestContext } from '../http/context';
import { badRequest, empty, json, notFound } from '../http/reply';
import type { Route } from '../http/router';
import { removeEntry, type JsonRecord } from '../state';

/**
 * Entity properties of issues and comments: the same four operations over a `properties` record. Setting a
 * property is not a field change, so no changelog entry and no event, as in Jira.
 */

const MAX_VALUE_BYTES = 32_768;

function propertyRoutes(
  base: string,
  owner: (ctx: RequestContext) => { properties: JsonRecord; self: string },
): Route[] {
  const missing = (key: string): Error => notFound(`The property with key '${key}' does not exist.`);
  return [
    {
      method: 'GET',
      pattern: `${base}/properties`,
      handler: (ctx) => {
        const { properties, self } = owner(ctx);
        return json({
          keys: Object.keys(properties).map((key) => ({
            key,
            self: `${self}/properties/${encodeURIComponent(key)}`,
          })),
        });
      },
    },
    {
      method: 'GET',
      pattern: `${base}/properties/{propertyKey}`,
      handler: (ctx) => {
        const key = ctx.param('propertyKey');
        const value = owner(ctx).properties[key];
        if (value === undefined) throw missing(key);
        return json({ key, value });
      },
    },
    {
      method: 'PUT',
      pattern: `${base}/properties/{propertyKey}`,
      handler: (ctx) => {
        const key = ctx.param('propertyKey');
        if ((ctx.body?.length ?? 0) > MAX_VALUE_BYTES)
          throw badRequest(`The property value must not exceed ${MAX_VALUE_BYTES} bytes.`);
        const { properties } = owner(ctx);
        const existed = key in properties;
        properties[key] = parseAnyJson(ctx.body);
        return empty(existed ? 200 : 201);
      },
    },
    {
      method: 'DELETE',
      pattern: `${base}/properties/{propertyKey}`,
      handler: (ctx) => {
        const key = ctx.param('propertyKey');
        const { properties } = owner(ctx);
        if (!(key in properties)) throw missing(key);
        removeEntry(properties, key);
        return empty();
      },
    },
  ];
}

export const entityPropertyRoutes: readonly Route[] = [
  ...propertyRoutes('/rest/api/3/issue/{issueIdOrKey}', (ctx) => {
    const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
    return { properties: issue.properties, self: `${ctx.site.api}/issue/${issue.id}` };
  }),
  ...propertyRoutes('/rest/api/3/comment/{commentId}', (ctx) => {
    const comment = ctx.site.state.comments[ctx.param('commentId')];
    if (!comment) throw notFound(`Can not find a comment for the id: ${ctx.param('commentId')}.`);
    return { properties: comment.properties, self: `${ctx.site.api}/comment/${comment.id}` };
  }),
];
