/**
 * Every resolver goes through here: the caller's permission on the project is checked on the server
 * first, then the payload is parsed with its zod schema (a bad one is refused naming the field, and
 * nothing changes), then the handler runs. Answers are ResolverResult values, never thrown strings.
 */
import { z } from 'zod';
import type { ResolverError, ResolverResult } from '../../core/schema/resolver-result';
import { TrackerError } from '../../core/errors';
import { userHasProjectPermission, type ProjectPermission } from '../../platform/permissions';
import { rememberSiteUrl } from '../../platform/site-info';

/** The part of Forge's resolver context Tandem reads. */
const ContextSchema = z.looseObject({
  accountId: z.string().min(1).optional(),
  siteUrl: z.string().optional(),
  extension: z
    .looseObject({
      project: z.looseObject({ key: z.string().min(1) }).optional(),
      issue: z
        .looseObject({ key: z.string().min(1), id: z.union([z.string(), z.number()]).optional() })
        .optional(),
    })
    .optional(),
});
export type CallerContext = z.infer<typeof ContextSchema>;

export interface Call<P> {
  payload: P;
  context: CallerContext;
  projectKey: string;
}

export class ResolverFailure extends Error {
  constructor(readonly error: ResolverError) {
    super(error.message);
  }
}

const fail = (error: ResolverError): { ok: false; error: ResolverError } => ({ ok: false, error });

/** The project the caller is looking at: the settings page's project, or the issue's project. */
function projectOf(context: CallerContext, payload: unknown): string | undefined {
  const fromContext = context.extension?.project?.key ?? context.extension?.issue?.key.split('-')[0];
  if (fromContext) return fromContext;
  const p = z.looseObject({ projectKey: z.string() }).safeParse(payload);
  return p.success ? p.data.projectKey : undefined;
}

export function guarded<S extends z.ZodType, T>(
  permission: ProjectPermission,
  schema: S,
  handler: (call: Call<z.output<S>>) => Promise<T>,
) {
  return async (request: { payload: unknown; context: unknown }): Promise<ResolverResult<T>> => {
    const context = ContextSchema.safeParse(request.context);
    if (!context.success || !context.data.accountId) {
      return fail({ code: 'forbidden', message: 'this action needs a signed-in user' });
    }
    const projectKey = projectOf(context.data, request.payload);
    if (!projectKey)
      return fail({ code: 'bad_request', message: 'no project in the context or the payload' });
    if (context.data.siteUrl) await rememberSiteUrl(context.data.siteUrl);
    if (!(await userHasProjectPermission(projectKey, permission))) {
      const what = permission === 'ADMINISTER_PROJECTS' ? 'administer' : 'browse';
      return fail({ code: 'forbidden', message: `you need permission to ${what} project ${projectKey}` });
    }
    const payload = schema.safeParse(request.payload ?? {});
    if (!payload.success) {
      const issue = payload.error.issues[0];
      const field = issue ? fieldOf(issue) : '';
      return fail({
        code: 'bad_request',
        message: issue ? issue.message : 'invalid payload',
        ...(field !== '' ? { field } : {}),
      });
    }
    try {
      return { ok: true, data: await handler({ payload: payload.data, context: context.data, projectKey }) };
    } catch (err) {
      if (err instanceof ResolverFailure) return fail(err.error);
      if (err instanceof TrackerError) return fail({ code: 'remote_error', message: err.message });
      throw err;
    }
  };
}

/** The dotted path of the wrong field; for a key strictObject does not know, the key itself. */
function fieldOf(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  return path.join('.');
}
