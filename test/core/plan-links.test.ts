/** The three-way merge of issue-link sets, by link key (type and far-end pair), without any tracker. */
import { RuleSchema, type RuleOf } from '../../src/core/schema/rules';
import { planLinks, type ResolvedLink } from '../../src/core/rules/plan-links';

const rule = (extra: Record<string, unknown> = {}) =>
  RuleSchema.parse({ kind: 'links', ...extra }) as RuleOf<'links'>;
const to = (pairId: string, local?: string, remote?: string): NonNullable<ResolvedLink['target']> => ({
  pairId,
  ...(local ? { local } : {}),
  ...(remote ? { remote } : {}),
});
const plan = (
  local: ResolvedLink[],
  remote: ResolvedLink[],
  synced: string[] = [],
  opts: { rule?: RuleOf<'links'>; outgoing?: boolean } = {},
) => planLinks({ rule: opts.rule ?? rule(), local, remote, synced, outgoingAllowed: opts.outgoing ?? true });

describe('planLinks', () => {
  it('copies a new link to the side that lacks it, pointing at the far end’s partner there', () => {
    const out = plan([{ id: '1', type: 'Blocks', target: to('l-2', '2', '902') }], []);
    expect(out.actions).toEqual([
      { kind: 'add-issue-link', side: 'remote', linkKey: 'Blocks>l-2', type: 'Blocks', targetIssueId: '902' },
    ]);
    expect(out.deferred).toBe(false);
  });

  it('deletes the copy when a synced link disappears on one side, unless deletions are kept', () => {
    const remote = [{ id: '77', type: 'Blocks', target: to('l-2', '2', '902') }];
    expect(plan([], remote, ['Blocks>l-2']).actions).toEqual([
      { kind: 'delete-issue-link', side: 'remote', linkKey: 'Blocks>l-2', linkId: '77' },
    ]);
    expect(plan([], remote, ['Blocks>l-2'], { rule: rule({ deletions: 'keep' }) }).actions).toEqual([]);
  });

  it('records links present on both sides and forgets synced links gone from both', () => {
    const link = { id: '1', type: 'Relates', target: to('r-5', '5', '905') };
    const out = plan([link], [{ ...link, id: '2' }], ['Blocks>l-9']);
    expect(out.actions).toEqual([]);
    expect(out.record).toEqual({ add: ['Relates>r-5'], remove: ['Blocks>l-9'] });
  });

  it('waits for a far end whose partner does not exist yet, and says so', () => {
    const out = plan([{ id: '1', type: 'Blocks', target: to('l-3', '3') }], []);
    expect(out.actions).toEqual([]);
    expect(out.deferred).toBe(true);
  });

  it('leaves links to unsynced issues, other types, and outgoing writes when outgoing is off', () => {
    expect(plan([{ id: '1', type: 'Blocks' }], []).actions).toEqual([]);
    const local = [{ id: '1', type: 'Cloners', target: to('l-2', '2', '902') }];
    expect(plan(local, [], [], { rule: rule({ types: ['Blocks'] }) }).actions).toEqual([]);
    expect(plan(local, [], [], { outgoing: false }).actions).toEqual([]);
    // Incoming still flows with outgoing off.
    const remote = [{ id: '9', type: 'Cloners', target: to('l-2', '2', '902') }];
    expect(plan([], remote, [], { outgoing: false }).actions).toEqual([
      { kind: 'add-issue-link', side: 'local', linkKey: 'Cloners>l-2', type: 'Cloners', targetIssueId: '2' },
    ]);
  });
});
