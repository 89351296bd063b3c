/** Attachment copies share a byte budget per run, so four pairs copying large files do not exhaust memory. */
import { ByteBudget } from '../../src/core/cycle/byte-budget';
import { runCycle } from '../../src/core/cycle/run-cycle';
import { makeWorld, partnerOf } from './harness';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Records the most bytes it ever let through at once. */
class WatchedBudget extends ByteBudget {
  now = 0;
  most = 0;
  runs: number[] = [];
  override run<T>(bytes: number, fn: () => Promise<T>): Promise<T> {
    this.runs.push(bytes);
    return super.run(bytes, async () => {
      this.now += bytes;
      this.most = Math.max(this.most, this.now);
      try {
        await tick();
        return await fn();
      } finally {
        this.now -= bytes;
      }
    });
  }
}

describe('ByteBudget', () => {
  it('lets through what fits, queues the rest, and runs a file larger than the budget alone', async () => {
    const budget = new WatchedBudget(100);
    const done: number[] = [];
    await Promise.all(
      [40, 40, 40, 150, 40].map((size, i) => budget.run(size, () => tick().then(() => done.push(i)))),
    );
    expect(done.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(budget.most).toBe(150); // the big one, alone; never two 40s beside it
  });

  it('gives the bytes back when a transfer fails', async () => {
    const budget = new WatchedBudget(100);
    await expect(budget.run(80, () => Promise.reject(new Error('upload refused')))).rejects.toThrow();
    await budget.run(80, () => Promise.resolve());
    expect(budget.most).toBe(80);
  });
});

it('the executor copies attachments within the run’s budget', async () => {
  const w = makeWorld();
  const budget = new WatchedBudget(2 * 300);
  const ids = [1, 2, 3, 4].map((n) => {
    const l = w.local.userCreate({ summary: `With a file ${n}` });
    w.local.userAttach(l.id, `dump-${n}.bin`, new Uint8Array(300));
    return l.id;
  });
  await runCycle({ ...w.deps, transfers: budget }, w.connection);
  expect(budget.runs).toEqual([600, 600, 600, 600]); // a download and its upload held together
  expect(budget.most).toBe(600); // four pairs at a time, one file in memory
  for (const id of ids) expect(partnerOf(w, id)?.attachments).toHaveLength(1);
});
