/**
 * The soak's hands: a person on either emulated site, through Jira's REST API with basic auth, as any
 * off-the-shelf client would act. Nothing here touches the app or the host's internals.
 */
import { z } from 'zod';

export type Site = 'local' | 'partner';
export const PROJECT: Record<Site, string> = { local: 'DEMO', partner: 'PARTNER' };
const AUTH = `Basic ${Buffer.from('admin@example.com:admin-token').toString('base64')}`;

const IssueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({
    summary: z.string(),
    status: z.looseObject({ name: z.string() }),
    labels: z.array(z.string()),
    comment: z
      .looseObject({ comments: z.array(z.looseObject({ id: z.string(), body: z.unknown() })) })
      .optional(),
    attachment: z.array(z.looseObject({ id: z.string(), filename: z.string(), size: z.number() })).optional(),
    issuelinks: z.array(z.looseObject({ id: z.string() })).optional(),
  }),
});
export type Issue = z.infer<typeof IssueSchema>;
const PageSchema = z.looseObject({ issues: z.array(IssueSchema), nextPageToken: z.string().optional() });

export class Sites {
  constructor(private readonly baseUrl: string) {}

  async rest(site: Site, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const json = body !== undefined && !(body instanceof FormData);
    const init: RequestInit = {
      method,
      headers: {
        Authorization: AUTH,
        Accept: 'application/json',
        ...(json ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
    };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) init.body = JSON.stringify(body);
    // The faults hit the soak's own calls too; a person tries again after a 503 or a 429.
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(`${this.baseUrl}/sites/${site}${path}`, init);
      } catch (err) {
        // A kept-alive socket the server closed as we reused it (ECONNRESET, on a loaded machine): the
        // request never reached the server; a client tries again.
        if (attempt < 5) continue;
        throw err;
      }
      const text = await res.text();
      if ((res.status === 503 || res.status === 429) && attempt < 20) {
        await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
        continue;
      }
      return { status: res.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
    }
  }

  async all(site: Site): Promise<Issue[]> {
    const out: Issue[] = [];
    let token: string | undefined;
    do {
      const { status, json } = await this.rest(site, 'POST', '/rest/api/3/search/jql', {
        jql: `project = ${PROJECT[site]} ORDER BY key ASC`,
        fields: ['summary', 'status', 'labels', 'comment', 'attachment', 'issuelinks'],
        maxResults: 100,
        ...(token ? { nextPageToken: token } : {}),
      });
      if (status !== 200) throw new Error(`search on ${site} failed: ${status} ${JSON.stringify(json)}`);
      const page = PageSchema.parse(json);
      out.push(...page.issues);
      token = page.nextPageToken;
    } while (token);
    return out;
  }

  async remoteLinks(site: Site, key: string) {
    const { status, json } = await this.rest(site, 'GET', `/rest/api/3/issue/${key}/remotelink`);
    if (status !== 200) throw new Error(`remote links of ${key} failed: ${status}`);
    return z
      .array(
        z.looseObject({
          application: z.looseObject({ type: z.string().optional() }).optional(),
          object: z.looseObject({ title: z.string(), url: z.string() }),
        }),
      )
      .parse(json);
  }
}

/** A comment's words, without the attribution line a copy starts with ("Ann wrote in DEMO:"). */
export function commentText(body: unknown): string {
  const paragraphs: string[] = [];
  const walk = (node: unknown, into: string[]): void => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as { type?: unknown; text?: unknown; content?: unknown };
    if (typeof n.text === 'string') into.push(n.text);
    if (Array.isArray(n.content)) for (const c of n.content) walk(c, into);
  };
  const content = (body as { content?: unknown } | null)?.content;
  for (const block of Array.isArray(content) ? content : []) {
    const words: string[] = [];
    walk(block, words);
    paragraphs.push(words.join(''));
  }
  return paragraphs
    .filter((p, i) => !(i === 0 && / wrote in \S+:$/.test(p)))
    .join('\n')
    .trim();
}
