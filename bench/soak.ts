/**
 * `npm run soak -- --seed N --rounds R`: the chaos soak (bench/soak/run-soak.ts). Prints the seed, every
 * violation with its issue keys, and a one-line summary; exits 1 on any violation. `--workers N` splits the
 * rounds over N sandboxes in N processes (bench/soak/workers.ts).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runSoak } from './soak/run-soak';
import { runWorkers } from './soak/workers';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '20261204' },
    rounds: { type: 'string', default: '30' },
    'kill-share': { type: 'string', default: '0.2' },
    edits: { type: 'string', default: '4' },
    'quiet-cycles': { type: 'string', default: '3' },
    workers: { type: 'string', default: '1' },
    verbose: { type: 'boolean', default: false },
    dump: { type: 'string' },
  },
});
const args = z
  .object({
    seed: z.coerce.number().int(),
    rounds: z.coerce.number().int().min(0),
    killShare: z.coerce.number().min(0).max(1),
    edits: z.coerce.number().int().min(1),
    quietCycles: z.coerce.number().int().min(1),
    workers: z.coerce.number().int().min(1).max(16),
  })
  .parse({
    seed: values.seed,
    rounds: values.rounds,
    killShare: values['kill-share'],
    edits: values.edits,
    quietCycles: values['quiet-cycles'],
    workers: values.workers,
  });

async function main(): Promise<void> {
  console.log(`soak: seed ${args.seed}, ${args.rounds} rounds, ${args.workers} worker(s)`);
  const opts = {
    seed: args.seed,
    rounds: args.rounds,
    killShare: args.killShare,
    editsPerRound: args.edits,
    quietCycles: args.quietCycles,
  };
  const result =
    args.workers > 1
      ? await runWorkers(
          { ...opts, verbose: values.verbose, ...(values.dump ? { dumpTo: values.dump } : {}) },
          args.workers,
        )
      : await runSoak({
          ...opts,
          ...(values.dump ? { dumpTo: values.dump } : {}),
          log: values.verbose ? (line) => console.log(line) : () => undefined,
        });
  for (const v of result.violations) console.log(`VIOLATION ${v.rule} [${v.keys.join(', ')}] ${v.detail}`);
  const scenarios = Object.entries(result.scenarios)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  console.log(
    `soak seed=${result.seed} rounds=${result.rounds} edits=${result.edits} killed=${result.killedInvocations} ` +
      `not-quiet-rounds=${result.roundsNotQuiet} scenarios=[${scenarios}] violations=${result.violations.length} ` +
      `partner-deleted-before-full-scan=${result.partnerDeletedBeforeFullScan} ` +
      `wall=${(result.wallMs / 1000).toFixed(1)}s`,
  );
  console.log(
    `phases: ${Object.entries(result.phasesMs)
      .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)}s`)
      .join(', ')}`,
  );
  process.exitCode = result.violations.length > 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 2;
});
