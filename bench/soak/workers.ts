/**
 * `--workers N`: N independent sandboxes, each in its own process with its own seed, share the rounds. A
 * round is mostly waiting (the cycle's queue hops, the soak's REST calls), so on two cores several sandboxes
 * overlap their waits. Each worker runs the whole soak (its rounds, the quiet end, the invariants) against
 * its own host, so no worker's faults or edits reach another's; the parent adds up what they report.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import type { SoakResult } from './run-soak';

/** Worker 0 keeps the run's seed, so `--workers 1` is the plain run; the others derive theirs from it. */
export const workerSeed = (seed: number, worker: number): number =>
  worker === 0 ? seed : seed * 1000 + worker;

/** `total` rounds over `workers`, the first ones taking one more when it does not divide. */
export function splitRounds(total: number, workers: number): number[] {
  return Array.from(
    { length: workers },
    (_, i) => Math.floor(total / workers) + (i < total % workers ? 1 : 0),
  );
}

/** What the parent hands a worker on its command line. */
export const WorkerOptionsSchema = z.object({
  seed: z.number().int(),
  rounds: z.number().int().min(0),
  killShare: z.number().min(0).max(1),
  editsPerRound: z.number().int().min(1),
  quietCycles: z.number().int().min(1),
  verbose: z.boolean(),
  /** Each worker writes its own file: this path with `.w<index>` before the extension. */
  dumpTo: z.string().optional(),
});
export type WorkerOptions = z.infer<typeof WorkerOptionsSchema>;

const ResultSchema = z.object({
  seed: z.number(),
  rounds: z.number(),
  edits: z.number(),
  scenarios: z.record(z.string(), z.number()),
  killedInvocations: z.number(),
  roundsNotQuiet: z.number(),
  violations: z.array(z.object({ rule: z.string(), keys: z.array(z.string()), detail: z.string() })),
  partnerDeletedBeforeFullScan: z.number(),
  phasesMs: z.record(z.string(), z.number()),
  wallMs: z.number(),
});

export async function runWorkers(opts: WorkerOptions, workers: number): Promise<SoakResult> {
  const started = Date.now();
  const shares = splitRounds(opts.rounds, workers);
  const results = await Promise.all(
    shares.map((rounds, i) => runOne({ ...opts, rounds, seed: workerSeed(opts.seed, i) }, i)),
  );
  const sum = (f: (r: SoakResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const merged = (f: (r: SoakResult) => Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const r of results) for (const [k, n] of Object.entries(f(r))) out[k] = (out[k] ?? 0) + n;
    return out;
  };
  return {
    seed: opts.seed,
    rounds: sum((r) => r.rounds),
    edits: sum((r) => r.edits),
    scenarios: merged((r) => r.scenarios),
    killedInvocations: sum((r) => r.killedInvocations),
    roundsNotQuiet: sum((r) => r.roundsNotQuiet),
    // Issue keys belong to one worker's sandbox: its seed replays the run that found them.
    violations: results.flatMap((r) =>
      r.violations.map((v) => ({ ...v, detail: `${v.detail} (worker seed ${r.seed})` })),
    ),
    partnerDeletedBeforeFullScan: sum((r) => r.partnerDeletedBeforeFullScan),
    // Summed over the workers, so more than the wall time when they overlap.
    phasesMs: merged((r) => r.phasesMs),
    wallMs: Date.now() - started,
  };
}

function runOne(opts: WorkerOptions, index: number): Promise<SoakResult> {
  return new Promise((resolve, reject) => {
    // Under tsx, the child inherits the loader through process.execArgv.
    const child = fork(path.join(__dirname, 'worker-main.ts'), [JSON.stringify(opts), String(index)]);
    let result: SoakResult | undefined;
    child.on('message', (message) => {
      result = ResultSchema.parse(message);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`soak worker ${index} (seed ${opts.seed}) exited with ${code} and no result`));
    });
  });
}
