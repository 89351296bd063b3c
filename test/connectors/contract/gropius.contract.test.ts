/**
 * The Gropius connector against the contract, on the schema-backed Gropius server (sandbox/gropius): every
 * request is validated against Gropius' published schema, and any it rejected is a violation. A fresh
 * project for every case; people act through Gropius' GraphQL API with their own token, as another client
 * would; another project on the same server holds the issue out of scope.
 */
import { randomUUID } from 'node:crypto';
import { GropiusClient } from '../../../src/connectors/gropius/gropius-client';
import { GropiusTracker } from '../../../src/connectors/gropius/gropius-tracker';
import { CONNECTORS } from '../../../src/connectors/registry';
import { seedGropius } from '../../../sandbox/gropius/gropius-seed';
import { startGropiusServer, type GropiusServer } from '../../../sandbox/gropius/gropius-server';
import { nodeFetch } from '../node-fetch';
import { describeTrackerContract, type ContractSubject } from './tracker-contract';

const PERSON = 'gropius-person-token';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A person's mutation; answers the id of the node it made or changed (`{ <mutation>: { <node>: { id } } }`). */
async function gql(server: GropiusServer, query: string, input: Record<string, unknown>): Promise<string> {
  const res = await fetch(server.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${PERSON}` },
    body: JSON.stringify({ query, variables: { input } }),
  });
  const body = (await res.json()) as {
    data?: Record<string, Record<string, { id: string } | null>>;
    errors?: unknown;
  };
  if (body.errors) throw new Error(`Gropius refused a person's change: ${JSON.stringify(body.errors)}`);
  const answer = Object.values(body.data ?? {})[0];
  return answer ? (Object.values(answer)[0]?.id ?? '') : '';
}

const CREATE = 'mutation P($input: CreateIssueInput!) { createIssue(input: $input) { issue { id } } }';

async function gropiusSubject(): Promise<ContractSubject> {
  const seed = seedGropius();
  const person = seed.store.addUser(
    { username: 'ana', displayName: 'Ana Lima', email: null, isAdmin: false },
    PERSON,
  );
  seed.store.grant(seed.project.id, person.id, 'ADMIN');
  const elsewhere = seed.store.addProject('Elsewhere');
  seed.store.grant(elsewhere.id, person.id, 'ADMIN');
  const server = await startGropiusServer(seed.store);
  const { template } = seed;
  const input = (title: string, trackable: string) => ({
    title,
    body: '',
    template: template.id,
    state: template.states.find((s) => s.name === 'Open')?.id,
    type: template.types[0]?.id,
    trackables: [trackable],
    templatedFields: [],
  });
  const outside = await gql(server, CREATE, input('in another project', elsewhere.id));
  const connect = () =>
    new GropiusTracker({
      client: new GropiusClient(server.endpoint, seed.token, nodeFetch, 'Gropius (contract)'),
      trackable: seed.project.id,
    });
  return {
    tracker: connect(),
    restart: connect,
    paths: { title: 'title', body: 'description', labels: 'labels' },
    status: { path: 'state.name', from: 'Open', to: 'Closed' },
    heldBody: (markdown) => markdown,
    pageSize: 100,
    async personCreates(titles) {
      const ids: string[] = [];
      for (const title of titles) ids.push(await gql(server, CREATE, input(title, seed.project.id)));
      return ids;
    },
    async personEditsTitle(id, title) {
      await gql(
        server,
        'mutation T($input: ChangeIssueTitleInput!) { changeIssueTitle(input: $input) { titleChangedEvent { id } } }',
        { issue: id, title },
      );
    },
    async personComments(id, body) {
      return gql(
        server,
        'mutation C($input: CreateIssueCommentInput!) { createIssueComment(input: $input) { issueComment { id } } }',
        { issue: id, body },
      );
    },
    // The server's times are milliseconds and strictly increase; a few of them is past any tie.
    advance: () => sleep(5),
    missingId: randomUUID(),
    outOfScopeRefs: [outside],
    violations: () =>
      server.rejected
        .filter((r) =>
          r.messages.some((m) => /Cannot query|Unknown|Expected type|not defined|Variable/.test(m)),
        )
        .map((r) => `${r.operation}: ${r.messages.join('; ')}`),
    close: () => server.close(),
  };
}

it('declares the capabilities the registry declares for Gropius', async () => {
  const s = await gropiusSubject();
  expect(s.tracker.capabilities).toEqual(CONNECTORS.gropius.capabilities);
  await s.close?.();
});

describeTrackerContract('Gropius on its schema-backed server', gropiusSubject);
