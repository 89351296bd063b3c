/** What the health web trigger and the `health/get` resolvers report. */
export interface HealthReport {
  ok: boolean;
  /** One line per dependency checked, e.g. `{ storage: 'ok' }`. */
  checks: Record<string, string>;
}

export type CheckHealth = () => Promise<HealthReport>;

/** Until the platform wires real checks: answering at all proves the runtime and the deployment. */
export const reportRuntimeAlive: CheckHealth = () => Promise.resolve({ ok: true, checks: { runtime: 'ok' } });
