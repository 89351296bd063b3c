/**
 * Jira ↔ Jira in the sandbox: the real app on the Forge host, the demo connection between DEMO (local
 * site) and PARTNER (partner site), and a REST client that acts on either site as a person would.
 */
import { createHost, type SandboxHost } from '../../sandbox/host';
import { DEMO_CONNECTION_ID, seedDemoConnection } from '../../sandbox/app-seed';

export type Site = 'local' | 'partner';

export interface IssueJson {
  id: string;
  key: string;
  fields: {
    summary: string;
    status: { name: string };
    labels: string[];
    comment?: { comments: { id: string; body: unknown }[] };
    attachment?: { id: string; filename: string; size: number }[];
  };
}

const AUTH = `Basic ${Buffer.from('admin@example.com:admin-token').toString('base64')}`;

export async function startWorld(
  opts: { seedConnection?: boolean; webtriggerBodyEncoding?: 'utf8' | 'latin1' } = {},
) {
  // Every request to the emulated sites, the app's and the tests' own, is checked against Atlassian's
  // OpenAPI documents; close() fails the test on any violation.
  const host = await createHost({
    allowLocalEgress: true,
    queueDelayScale: 0.01,
    contract: true,
    ...(opts.webtriggerBodyEncoding ? { webtriggerBodyEncoding: opts.webtriggerBodyEncoding } : {}),
  });
  if (opts.seedConnection ?? true) seedDemoConnection(host.kvs, host.url);
  return new World(host);
}

export class World {
  constructor(readonly host: SandboxHost) {}

  async rest(
    site: Site,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${this.host.url}/sites/${site}${path}`, {
      method,
      headers: { Authorization: AUTH, 'Content-Type': 'application/json', Accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
  }

  async search(site: Site, jql: string): Promise<IssueJson[]> {
    const out: IssueJson[] = [];
    let token: string | undefined;
    do {
      const { status, json } = await this.rest(site, 'POST', '/rest/api/3/search/jql', {
        jql,
        fields: ['summary', 'status', 'labels', 'comment', 'attachment'],
        maxResults: 100,
        ...(token ? { nextPageToken: token } : {}),
      });
      if (status !== 200) throw new Error(`search failed: ${status} ${JSON.stringify(json)}`);
      const page = json as { issues: IssueJson[]; nextPageToken?: string; isLast?: boolean };
      out.push(...page.issues);
      token = page.isLast === false ? page.nextPageToken : undefined;
    } while (token);
    return out;
  }

  project(site: Site): string {
    return site === 'local' ? 'DEMO' : 'PARTNER';
  }

  all(site: Site): Promise<IssueJson[]> {
    return this.search(site, `project = ${this.project(site)} ORDER BY key ASC`);
  }

  async create(
    site: Site,
    summary: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ id: string; key: string }> {
    const { status, json } = await this.rest(site, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: this.project(site) }, issuetype: { name: 'Task' }, summary, ...extra },
    });
    if (status !== 201) throw new Error(`create failed: ${status} ${JSON.stringify(json)}`);
    return json as { id: string; key: string };
  }

  async edit(site: Site, key: string, fields: Record<string, unknown>): Promise<void> {
    const { status, json } = await this.rest(site, 'PUT', `/rest/api/3/issue/${key}`, { fields });
    if (status !== 204) throw new Error(`edit failed: ${status} ${JSON.stringify(json)}`);
  }

  async comment(site: Site, key: string, text: string): Promise<void> {
    const body = {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    };
    const { status, json } = await this.rest(site, 'POST', `/rest/api/3/issue/${key}/comment`, { body });
    if (status !== 201) throw new Error(`comment failed: ${status} ${JSON.stringify(json)}`);
  }

  /** Takes the transition to `to`, filling a resolution its screen requires as a person would. */
  async transition(site: Site, key: string, to: string): Promise<void> {
    const { json } = await this.rest(
      site,
      'GET',
      `/rest/api/3/issue/${key}/transitions?expand=transitions.fields`,
    );
    const t = (
      json as {
        transitions: { id: string; to: { name: string }; fields?: Record<string, { required: boolean }> }[];
      }
    ).transitions.find((x) => x.to.name === to);
    if (!t) throw new Error(`no transition to ${to}`);
    const fields = t.fields?.resolution?.required ? { fields: { resolution: { name: 'Done' } } } : {};
    const res = await this.rest(site, 'POST', `/rest/api/3/issue/${key}/transitions`, {
      transition: { id: t.id },
      ...fields,
    });
    if (res.status !== 204) throw new Error(`transition failed: ${res.status} ${JSON.stringify(res.json)}`);
  }

  /** Sets the host's and the emulator's faults through the control API (`POST /_sandbox/api/faults`), or
   * clears them all (`DELETE`); a refused body fails the test here, with the host's reason. */
  async faults(body: Record<string, unknown> | 'clear'): Promise<void> {
    const res = await fetch(`${this.host.url}/_sandbox/api/faults`, {
      method: body === 'clear' ? 'DELETE' : 'POST',
      headers: { 'Content-Type': 'application/json' },
      ...(body === 'clear' ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status !== 200) throw new Error(`faults refused: ${String(res.status)} ${await res.text()}`);
  }

  /** Runs the scheduled trigger and waits until every queued event and product event is handled. */
  async cycle(): Promise<void> {
    await this.host.runScheduled('sync-cycle-schedule');
    await this.settle();
  }

  async settle(): Promise<void> {
    const result = await this.host.settle(60_000);
    // What is still pending goes into the failure, so a timeout says why.
    if (!result.settled)
      throw new Error(`the sandbox did not settle: ${JSON.stringify(result).slice(0, 2000)}`);
  }

  /** The partner of a local issue, found by summary (unique in these tests). */
  async partnerBySummary(site: Site, summary: string): Promise<IssueJson[]> {
    return (await this.all(site)).filter((i) => i.fields.summary === summary);
  }

  failedInvocations() {
    return this.host.invocations().filter((i) => i.outcome === 'error' || i.outcome === 'timeout');
  }

  async close(): Promise<void> {
    const violations = [...this.host.emulator.contractViolations];
    await this.host.close();
    if (violations.length > 0)
      throw new Error(
        `requests broke Jira's OpenAPI contract:\n${JSON.stringify(violations.slice(0, 5), null, 2)}`,
      );
  }
}

export { DEMO_CONNECTION_ID };
