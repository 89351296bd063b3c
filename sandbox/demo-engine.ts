/**
 * A demo of the sync engine on two in-memory trackers: what `npm run demo` prints. It shows a cycle
 * creating issues both ways, an edit crossing, echo suppression, and damage control holding a mass change.
 */
import { approvePlan, runCycle, type CycleResult } from '../src/core/cycle/run-cycle';
import { makeWorld, partnerOf } from '../test/core/harness';

const say = (s: string) => process.stdout.write(`${s}\n`);
const describe = (r: CycleResult) =>
  r.outcome === 'executed'
    ? `executed ${r.plan.mutations.length} mutation(s): ${r.plan.mutations.map((m) => `${m.kind}→${m.side}`).join(', ') || 'none'}`
    : r.outcome === 'held'
      ? `HELD: ${r.plan.mutations.length} mutations exceed the limit; waiting for an admin`
      : r.outcome;

async function main() {
  const w = makeWorld({ limits: { maxMutationsPerCycle: 10 } });
  say('Tandem engine demo: local project LOC ↔ remote project REM (in-memory trackers)\n');
  const bug = w.local.userCreate({
    summary: 'Login fails on Safari',
    status: { name: 'To Do' },
    labels: ['ui'],
  });
  w.local.userComment(bug.id, 'Reproduced on Safari 17.');
  w.remote.userCreate({ title: 'Export to CSV', state: 'open' });
  say(`1. first cycle: ${describe(await w.cycle())}`);
  say(
    `   remote now holds: ${w.remote
      .snapshot()
      .map((i) => `${i.key} ${JSON.stringify(i.fields.title)}`)
      .join(', ')}`,
  );

  const copy = partnerOf(w, bug.id);
  if (!copy) throw new Error('the first cycle did not copy the local issue');
  w.remote.userEdit(copy.id, { state: 'closed' });
  say(`2. remote closes ${copy.key}; cycle: ${describe(await w.cycle())}`);
  const status = w.local.snapshot().find((i) => i.id === bug.id)?.fields.status;
  say(`   local ${bug.key} status is now ${JSON.stringify(status)}`);

  say(`3. nothing changed; cycle: ${describe(await w.cycle())} (our own writes are not echoed back)`);

  for (let i = 0; i < 12; i++) w.local.userCreate({ summary: `Imported ${i}` });
  const held = await w.cycle();
  say(`4. someone bulk-imports 12 issues; cycle: ${describe(held)}`);
  if (held.outcome === 'held') {
    const approved = await approvePlan(w.deps, w.connection, held.plan.id);
    say(
      `5. the admin approves plan ${held.plan.id}: ${approved.outcome}; remote has ${w.remote.snapshot().length} issues`,
    );
  }
  say(`6. next cycle: ${describe(await runCycle(w.deps, w.connection))}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
