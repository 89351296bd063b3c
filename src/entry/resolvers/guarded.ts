/**
 * Every resolver goes through here: the permission its key declares (PERMISSION_NEEDS) is checked on the
 * server first, before anything is read from the payload or written anywhere, then the payload is parsed
 * with its zod schema (a bad one is refused naming the field, and nothing changes), then the handler runs.
 * Answers are ResolverResult values, never thrown strings.
 */
import { z } from 'zod';
import type { ResolverError, ResolverResult } from '../../core/schema/resolver-result';
import { TrackerError } from '../../core/errors';
import { INACTIVE_NOTICE, licenseStateOf, type LicenseState } from '../../core/licensing/license-state';
import type { JiraPermission, PermissionNeed } from '../../core/schema/resolver-permissions';
import { callerPermissions, type PermissionScope } from '../../platform/permissions';

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
  /** What Jira said the caller holds, for this invocation only (the need's requires and alsoAsks). */
  granted: ReadonlySet<JiraPermission>;
  /** The app's license on this site, from the invocation context (`req.context.license`). */
  license: LicenseState;
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

/** What the refusal says the caller lacks, in Jira's words for the permission. */
const VERB: Record<JiraPermission, string> = {
  ADMINISTER_PROJECTS: 'administer',
  BROWSE_PROJECTS: 'browse',
  EDIT_ISSUES: 'edit',
  ADMINISTER: 'administer Jira',
};

function refusal(missing: JiraPermission, where: string): ResolverError {
  // Kept word for word from before the table: the settings page and git integrations show these.
  if (missing === 'ADMINISTER')
    return {
      code: 'forbidden',
      message: 'git integrations are site-wide: changing them needs Jira administrator rights',
    };
  return { code: 'forbidden', message: `you need permission to ${VERB[missing]} ${where}` };
}

/** The issue the panel is open on, from the product's context; a panel key without one is refused. */
function scopeOf(
  need: PermissionNeed,
  context: CallerContext,
  projectKey: string,
): { scope: PermissionScope; where: string } | undefined {
  if (need.on === 'project') return { scope: { projectKey }, where: `project ${projectKey}` };
  const issue = context.extension?.issue;
  if (issue?.id === undefined) return undefined;
  return { scope: { issueId: String(issue.id) }, where: `issue ${issue.key}` };
}

export function guarded<S extends z.ZodType, T>(
  need: PermissionNeed,
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
    const target = scopeOf(need, context.data, projectKey);
    if (!target) return fail({ code: 'bad_request', message: 'this action needs an issue in its context' });
    // Nothing before this line writes anything: a refused caller leaves no trace in storage.
    const granted = await callerPermissions(target.scope, [...need.requires, ...(need.alsoAsks ?? [])]);
    const missing = need.requires.find((p) => !granted.has(p));
    if (missing) return fail(refusal(missing, target.where));
    const license = licenseStateOf(request.context);
    if (need.syncs && license === 'inactive') return fail({ code: 'unlicensed', message: INACTIVE_NOTICE });
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
      return {
        ok: true,
        data: await handler({ payload: payload.data, context: context.data, projectKey, granted, license }),
      };
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
