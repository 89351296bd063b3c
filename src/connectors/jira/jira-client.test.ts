import { z } from 'zod';
import { TrackerError } from '../../core/errors';
import { JiraClient } from './jira-client';
import type { JiraTransport, ResponseLike } from './jira-transport';

const reply = (status: number, body: unknown, headers: Record<string, string> = {}): ResponseLike => ({
  status,
  headers: { get: (name) => headers[name.toLowerCase()] ?? null },
  text: () => Promise.resolve(body === undefined ? '' : JSON.stringify(body)),
  arrayBuffer: () => Promise.resolve(new ArrayBuffer(0)),
});

function scripted(...replies: ResponseLike[]): { transport: JiraTransport; calls: () => number } {
  let n = 0;
  return {
    transport: () => Promise.resolve(replies[Math.min(n++, replies.length - 1)] ?? reply(500, {})),
    calls: () => n,
  };
}

const Ok = z.object({ ok: z.boolean() });

it('waits out a short burst limit and then answers', async () => {
  const t = scripted(reply(429, {}), reply(429, {}, { 'retry-after': '0' }), reply(200, { ok: true }));
  const client = new JiraClient(t.transport, 'partner Jira');
  expect(await client.json('/rest/api/3/myself', Ok)).toEqual({ ok: true });
  expect(t.calls()).toBe(3);
});

it('hands a long rate limit back as a retryable error with its Retry-After', async () => {
  const t = scripted(reply(429, { errorMessages: ['Rate limit exceeded'] }, { 'retry-after': '60' }));
  const err = await new JiraClient(t.transport, 'partner Jira')
    .json('/rest/api/3/myself', Ok)
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TrackerError);
  expect(err).toMatchObject({ code: 'rate_limited', retryAfterMs: 60_000, isRetryable: true });
  expect(t.calls()).toBe(1);
});

it('names what Jira said on a 400, and says a 401 is not worth retrying', async () => {
  const bad = scripted(reply(400, { errorMessages: [], errors: { summary: 'Summary is required.' } }));
  await expect(new JiraClient(bad.transport, 'this Jira site').json('/rest/api/3/issue', Ok)).rejects.toThrow(
    /400: summary: Summary is required\./,
  );
  const denied = scripted(reply(401, { errorMessages: ['Client must be authenticated'] }));
  const err = await new JiraClient(denied.transport, 'x')
    .json('/rest/api/3/myself', Ok)
    .catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'unauthorized', isRetryable: false });
});

it('reports an answer in an unexpected shape, naming the field', async () => {
  const t = scripted(reply(200, { ok: 'yes' }));
  await expect(new JiraClient(t.transport, 'x').json('/rest/api/3/myself', Ok)).rejects.toThrow(/ok: /);
});
