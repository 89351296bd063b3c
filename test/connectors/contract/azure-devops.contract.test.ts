/**
 * The Azure DevOps connector against the contract, over the fake organization whose every request and
 * answer is checked against Microsoft's work item tracking description (sandbox/azure-devops). Work item
 * ids are organization-wide: one in another project of the organization is out of the connection's scope.
 */
import { CONNECTORS } from '../../../src/connectors/registry';
import type { FakeAzureDevOps } from '../../../sandbox/azure-devops/fake-azure-devops';
import { startFake, trackerOn } from '../azure-devops/ado-world';
import { describeTrackerContract, type ContractSubject } from './tracker-contract';

const fakes: FakeAzureDevOps[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.stop()));
});

async function azureSubject(): Promise<ContractSubject> {
  const fake = await startFake();
  fakes.push(fake);
  const elsewhere = fake.userCreate({ 'System.Title': 'in another project' }, 'User Story', 'Other');
  const connect = () => trackerOn(fake, { pageSize: 20 });
  return {
    tracker: connect(),
    restart: connect,
    paths: { title: 'title', body: 'description', labels: 'labels' },
    status: { path: 'state', from: 'New', to: 'Active' },
    heldBody: (markdown) => markdown,
    pageSize: 20,
    personCreates: (titles) =>
      Promise.resolve(titles.map((t) => String(fake.userCreate({ 'System.Title': t })))),
    personEditsTitle: (id, title) => {
      fake.userEdit(Number(id), { 'System.Title': title });
      return Promise.resolve();
    },
    personComments: (id, markdown) =>
      Promise.resolve(String(fake.userComment(Number(id), `<div>${markdown}</div>`))),
    advance: () => {
      fake.ms += 1000;
      return Promise.resolve();
    },
    missingId: '99999',
    outOfScopeRefs: [String(elsewhere), '424242'],
    violations: () => fake.violations,
    close: () => fake.stop(),
  };
}

it('declares the capabilities the registry declares for Azure DevOps', async () => {
  const s = await azureSubject();
  expect(s.tracker.capabilities).toEqual(CONNECTORS['azure-devops'].capabilities);
  await s.close?.();
});

describeTrackerContract('Azure DevOps on its description-checked fake', azureSubject);
