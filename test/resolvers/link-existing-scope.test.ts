/**
 * "Link to an existing remote issue" as an attacker would try it, through the real resolver in the sandbox,
 * as a person who can only browse DEMO: what they type never leaves the connection's scope. A probe that
 * asks a yes/no question about the partner site (the injection oracle of issue #11) gets the same answer
 * whichever way the truth lies; an issue of another partner project is "not in this connection" and nothing
 * of it reaches DEMO; a key of the connection's own project links, as the field asks for.
 */
import { z } from 'zod';
import { keys } from '../../src/platform/kvs/keys';
import { DEMO_CONNECTION_ID, startWorld, type World } from '../sandbox-sync/world';
import { ok, USER } from './harness';

jest.setTimeout(60_000);

let w: World;
beforeAll(async () => {
  // No cycle runs: every DEMO issue is still unlinked, so a link made by mistake would show.
  w = await startWorld();
});
afterAll(async () => {
  await w.close();
});

const connectionId = DEMO_CONNECTION_ID;
const Rows = z.object({ data: z.array(z.object({ key: z.string(), value: z.unknown() })) });

/** Every pair and side index the app holds for the demo connection, as stored. */
function storedPairs(): { key: string; value: unknown }[] {
  const rows = (prefix: string) =>
    Rows.parse(
      w.host.kvs.handle('/api/v1/query', {
        limit: 100,
        where: [{ property: 'key', condition: 'BEGINS_WITH', values: [prefix] }],
      }).body,
    ).data;
  const sideIndexPrefix = (side: 'local' | 'remote') => keys.sideIndex(connectionId, side, 'x').slice(0, -1);
  return [
    ...rows(keys.pairPrefix(connectionId)),
    ...rows(sideIndexPrefix('local')),
    ...rows(sideIndexPrefix('remote')),
  ];
}

async function issue(site: 'local' | 'partner', key: string) {
  const { status, json } = await w.rest(site, 'GET', `/rest/api/3/issue/${key}?fields=summary,description`);
  if (status !== 200) throw new Error(`${key}: ${status}`);
  return z
    .object({
      id: z.string(),
      key: z.string(),
      fields: z.object({ summary: z.string(), description: z.unknown() }),
    })
    .parse(json);
}

const linkAs = async (local: { id: string; key: string }, remoteIssue: string) =>
  ok(w, 'panel/link-existing', { connectionId, remoteIssue }, { email: USER, issue: local });

it('the injection oracle answers the same whether the guess is right or wrong', async () => {
  const demo = await issue('local', 'DEMO-5');
  const partner5 = await issue('partner', 'PARTNER-5');
  const before = storedPairs();
  const probe = (guess: string) => `${partner5.id}) AND (key = ${guess}`;
  const right = await linkAs(demo, probe('PARTNER-5'));
  const wrong = await linkAs(demo, probe('PARTNER-6'));
  // The answer may quote what was typed; with that taken out, the two must not differ in anything.
  const blind = (a: { outcome: string; message: string }, typed: string) => ({
    outcome: a.outcome,
    message: a.message.split(typed).join('<typed>'),
  });
  expect(blind(right, probe('PARTNER-5'))).toEqual(blind(wrong, probe('PARTNER-6')));
  expect(right.outcome).not.toBe('linked');
  expect(storedPairs()).toEqual(before);
  expect(await issue('local', 'DEMO-5')).toEqual(demo);
});

it.each([
  ['a list of ids', (id: string) => `${id}, ${String(Number(id) + 1)}`],
  ['an OR that widens the query', (id: string) => `${id}) OR project = PARTNER OR id in (${id}`],
  ['ORDER BY', (id: string) => `${id} ORDER BY created`],
  ['a quoted key', () => '"PARTNER-5"'],
])('%s is refused as not a key or id, and nothing is linked', async (_name, typed) => {
  const demo = await issue('local', 'DEMO-6');
  const partner5 = await issue('partner', 'PARTNER-5');
  const before = storedPairs();
  const answer = await linkAs(demo, typed(partner5.id));
  expect(answer.outcome).toBe('invalid');
  expect(answer.message).toMatch(/is not a Jira issue key \(such as PARTNER-12\) or issue id/);
  expect(storedPairs()).toEqual(before);
  expect(await issue('local', 'DEMO-6')).toEqual(demo);
});

describe('a partner site that also holds project SECRET', () => {
  let secret: { id: string; key: string };
  beforeAll(async () => {
    const site = w.host.emulator.site('partner');
    const admin = site.userByEmail('admin@example.com');
    if (!admin) throw new Error('no partner admin');
    site.addProject({ key: 'SECRET', name: 'Secret', leadAccountId: admin.accountId });
    const { status, json } = await w.rest('partner', 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'SECRET' },
        issuetype: { name: 'Task' },
        summary: 'Confidential: acquisition of Initech',
        description: {
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Initech: terms of the offer' }] }],
        },
      },
    });
    if (status !== 201) throw new Error(`SECRET-1 not created: ${status}`);
    secret = z.object({ id: z.string(), key: z.string() }).parse(json);
  });

  it.each([
    ['its key', () => secret.key],
    ['its id', () => secret.id],
  ])('linking DEMO-7 to SECRET-1 by %s is refused and nothing of it is copied', async (_how, typed) => {
    const demo = await issue('local', 'DEMO-7');
    const before = storedPairs();
    const answer = await linkAs(demo, typed());
    expect(answer).toEqual({
      outcome: 'not-in-connection',
      message: `${typed()} is not in this connection: it links to issues of PARTNER only.`,
    });
    expect(storedPairs()).toEqual(before);
    expect(await issue('local', 'DEMO-7')).toEqual(demo);
    const { json } = await w.rest('partner', 'GET', `/rest/api/3/issue/${secret.key}/remotelink`);
    expect(json).toEqual([]);
    const copies = (await w.search('local', 'project = DEMO')).filter((i) =>
      i.fields.summary.includes('Initech'),
    );
    expect(copies).toEqual([]);
  });

  it('an issue of PARTNER that does not exist reads the same as one outside the connection', async () => {
    const demo = await issue('local', 'DEMO-7');
    const answer = await linkAs(demo, 'PARTNER-999');
    expect(answer).toEqual({
      outcome: 'not-in-connection',
      message: 'PARTNER-999 is not in this connection: it links to issues of PARTNER only.',
    });
  });
});

it('a key of the connection project links, as the field asks for', async () => {
  const demo = await issue('local', 'DEMO-8');
  const partner = await issue('partner', 'PARTNER-8');
  await w.edit('partner', 'PARTNER-8', { summary: 'Chosen on the partner side' });
  const answer = await linkAs(demo, 'PARTNER-8');
  expect(answer.outcome).toBe('linked');
  expect(answer.message).toMatch(/^Linked to PARTNER-8\./);
  const Pair = z.looseObject({
    local: z.looseObject({ id: z.string(), key: z.string() }).optional(),
    remote: z.looseObject({ id: z.string(), key: z.string() }).optional(),
  });
  const pairs = storedPairs().flatMap((r) => {
    const pair = Pair.safeParse(r.value);
    return pair.success && pair.data.local?.id === demo.id ? [pair.data] : [];
  });
  expect(pairs.map((p) => [p.local?.key, p.remote?.id, p.remote?.key])).toEqual([
    ['DEMO-8', partner.id, 'PARTNER-8'],
  ]);
  const { links } = await ok(w, 'panel/get', {}, { email: USER, issue: demo });
  expect(links[0]).toMatchObject({ state: 'linked', remote: { key: 'PARTNER-8' } });
});
