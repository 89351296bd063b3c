/**
 * Near-real-time incoming from Azure DevOps Boards: service-hook deliveries of `workitem.created`,
 * `workitem.updated` and `workitem.commented` to the connection's webhook URL ("Web Hooks" consumer,
 * learn.microsoft.com/azure/devops/service-hooks/services/webhooks). Service hooks cannot sign a body; they
 * send HTTP basic auth, so the connection's webhook secret is the password (any user name), compared in
 * constant time, with a previous secret accepted during a rotation. A verified event names the work item
 * to re-read through the API; its copy in the payload is never used.
 *
 * Payload shapes (service-hook events reference, "Work item updated"): `workitem.updated` carries the
 * update, whose `resource.workItemId` is the work item and `resource.revision.fields` its fields; the
 * created and commented events carry the work item itself as `resource` (`id`, `fields`).
 */
import { z } from 'zod';
import { matchesAny } from '../common/safe-equal';
import { sameProject, type TrackerWebhookCheck, type TrackerWebhookRequest } from '../common/tracker-webhook';

const EVENTS = new Set(['workitem.created', 'workitem.updated', 'workitem.commented']);

const Fields = z.looseObject({ 'System.TeamProject': z.string().optional() });
const EnvelopeSchema = z.looseObject({ eventType: z.string() });
const UpdatedSchema = z.looseObject({
  resource: z.looseObject({
    workItemId: z.number().int().positive(),
    revision: z.looseObject({ fields: Fields }).optional(),
  }),
});
const WorkItemSchema = z.looseObject({
  resource: z.looseObject({ id: z.number().int().positive(), fields: Fields.optional() }),
});

/** `Authorization: Basic base64(user:password)` → the password, or undefined if the header is not that. */
export function basicPassword(headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

export function verifyServiceHook({
  connection,
  secrets,
  headers,
  rawBody,
}: TrackerWebhookRequest): TrackerWebhookCheck {
  const password = basicPassword(headers);
  if (password === undefined) return { ok: false, status: 401, reason: 'missing basic auth' };
  if (!matchesAny(secrets, password))
    return {
      ok: false,
      status: 401,
      reason: 'the basic auth password does not match this connection’s secret',
    };
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { ok: false, status: 422, reason: 'the body is not JSON' };
  }
  const envelope = EnvelopeSchema.safeParse(body);
  if (!envelope.success) return { ok: false, status: 422, reason: 'not a service-hook event: no eventType' };
  const type = envelope.data.eventType;
  if (!EVENTS.has(type)) return { ok: true, ignored: `a ${type} event` };
  const target = workItemOf(type, body);
  if (!target.ok) return { ok: false, status: 422, reason: `not a ${type} event: ${target.reason}` };
  const { id, project } = target;
  if (project !== undefined && !sameProject(project, connection.remote.project))
    return { ok: true, ignored: `a work item of ${project}, not ${connection.remote.project}` };
  return { ok: true, issueIds: [String(id)] };
}

function workItemOf(
  type: string,
  body: unknown,
): { ok: true; id: number; project: string | undefined } | { ok: false; reason: string } {
  if (type === 'workitem.updated') {
    const u = UpdatedSchema.safeParse(body);
    if (!u.success) return { ok: false, reason: u.error.issues[0]?.message ?? '' };
    const r = u.data.resource;
    return { ok: true, id: r.workItemId, project: r.revision?.fields['System.TeamProject'] };
  }
  const w = WorkItemSchema.safeParse(body);
  if (!w.success) return { ok: false, reason: w.error.issues[0]?.message ?? '' };
  return { ok: true, id: w.data.resource.id, project: w.data.resource.fields?.['System.TeamProject'] };
}
