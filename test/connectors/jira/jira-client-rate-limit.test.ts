/**
 * Jira's burst limit counts per endpoint and method. One 429 should pause every caller of that endpoint in
 * the invocation until Retry-After, so pairs running side by side do not each spend a call to learn it,
 * while other endpoints go on.
 */
import { z } from 'zod';
import { endpointOf, JiraClient } from '../../../src/connectors/jira/jira-client';
import type { JiraRequestInit, ResponseLike } from '../../../src/connectors/jira/jira-transport';

function reply(status: number, body: unknown, headers: Record<string, string> = {}): ResponseLike {
  const text = JSON.stringify(body);
  return {
    status,
    headers: { get: (name) => headers[name.toLowerCase()] ?? null },
    text: () => Promise.resolve(text),
    arrayBuffer: () => Promise.resolve(new TextEncoder().encode(text).buffer),
  };
}

/** A site whose comment endpoint is limited until `until`; everything else answers at once. */
function limitedSite(until: number) {
  const seen: { endpoint: string; status: number }[] = [];
  const transport = (path: string, init: JiraRequestInit): Promise<ResponseLike> => {
    const endpoint = `${init.method} ${endpointOf(path)}`;
    const limited = endpoint === 'POST /rest/api/3/issue/{}/comment' && Date.now() < until;
    seen.push({ endpoint, status: limited ? 429 : 200 });
    return Promise.resolve(
      limited
        ? reply(429, { errorMessages: ['Rate limit exceeded.'] }, { 'retry-after': '1' })
        : reply(200, { ok: true }),
    );
  };
  return { seen, transport };
}

const Ok = z.object({ ok: z.literal(true) });

describe('JiraClient under a burst limit', () => {
  it('names endpoints the way Jira counts them', () => {
    expect(endpointOf('/rest/api/3/issue/10042/comment')).toBe('/rest/api/3/issue/{}/comment');
    expect(endpointOf('/rest/api/3/issue/DEMO-12/transitions')).toBe('/rest/api/3/issue/{}/transitions');
    expect(endpointOf('/rest/api/3/search/jql')).toBe('/rest/api/3/search/jql');
  });

  it('pauses every caller of a limited endpoint after one 429, and no other endpoint', async () => {
    const site = limitedSite(Date.now() + 300);
    const client = new JiraClient(site.transport, 'local Jira');
    const first = client.json('/rest/api/3/issue/1/comment', Ok, { method: 'POST', json: {} });
    await new Promise((resolve) => setTimeout(resolve, 20)); // the first 429 has come back by now
    const started = Date.now();
    const others = [2, 3, 4].map((id) =>
      client.json(`/rest/api/3/issue/${id}/comment`, Ok, { method: 'POST', json: {} }),
    );
    await client.json('/rest/api/3/search/jql', Ok, { method: 'POST', json: {} });
    const searchMs = Date.now() - started;
    await Promise.all([first, ...others]);

    const comments = site.seen.filter((s) => s.endpoint.endsWith('/comment'));
    expect(comments.filter((s) => s.status === 429)).toHaveLength(1);
    expect(comments.filter((s) => s.status === 200)).toHaveLength(4);
    expect(searchMs).toBeLessThan(500); // the search was not held behind the comments' pause
  });

  it('gives up with a retryable error when Jira asks for a long wait, and does not ask again', async () => {
    let calls = 0;
    const transport = () => {
      calls += 1;
      return Promise.resolve(
        reply(429, { errorMessages: ['Rate limit exceeded.'] }, { 'retry-after': '60' }),
      );
    };
    const client = new JiraClient(transport, 'local Jira');
    await expect(client.json('/rest/api/3/issue/1', Ok)).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 60_000,
    });
    // Another pair's call to the same endpoint goes back to the queue without spending a request.
    await expect(client.json('/rest/api/3/issue/2', Ok)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(calls).toBe(1);
  });
});
