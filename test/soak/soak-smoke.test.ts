/**
 * The soak's smoke run in `npm test`: a fixed seed, a few rounds of random edits on both sites under 5xx,
 * 429s, duplicate deliveries and KVS errors, then the invariants. The long run (kills included) is
 * `npm run soak`; the README has its figures.
 */
import { runSoak } from '../../bench/soak/run-soak';

jest.setTimeout(120_000);

it('a short soak with a fixed seed ends with no violation', async () => {
  const lines: string[] = [];
  const result = await runSoak({
    seed: 7,
    rounds: 3,
    killShare: 0,
    editsPerRound: 4,
    quietCycles: 2,
    log: (line) => lines.push(line),
  });
  expect(result.edits).toBeGreaterThan(3);
  // The violations themselves, with their issue keys, are what a failure shows.
  expect(result.violations).toEqual([]);
});
