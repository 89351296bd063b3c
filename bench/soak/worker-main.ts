/** One soak worker's process (workers.ts): runs its share of the rounds and sends the result to the parent. */
import { runSoak } from './run-soak';
import { WorkerOptionsSchema } from './workers';

async function main(): Promise<void> {
  const opts = WorkerOptionsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const tag = `[w${process.argv[3] ?? '?'}]`;
  const { dumpTo, ...rest } = opts;
  const result = await runSoak({
    ...rest,
    ...(dumpTo ? { dumpTo: dumpTo.replace(/(\.json)?$/, `.w${process.argv[3] ?? '0'}$1`) } : {}),
    log: opts.verbose ? (line) => console.log(`${tag} ${line}`) : () => undefined,
    onRound: (round, ms) => {
      if (round % 25 === 0)
        console.log(`${tag} seed ${opts.seed}: ${round}/${opts.rounds} rounds, ${Math.round(ms / 1000)} s`);
    },
  });
  await new Promise<void>((resolve, reject) => {
    process.send?.(result, undefined, {}, (err: Error | null) => (err ? reject(err) : resolve()));
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
