/**
 * A real Redmine on 127.0.0.1 for the integration tests and `npm start -- --remote redmine`: Debian's
 * packages, a SQLite instance with the REST API on (scripts/redmine/setup.sh installs and prepares it once
 * and is a no-op after), served by thin on a free port. Needs root and apt-get the first time; without
 * them it fails with the reason, never skips.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export interface LocalRedmine {
  baseUrl: string;
  apiKey: string;
  stop(): Promise<void>;
}

const SETUP = path.join(__dirname, '..', '..', 'scripts', 'redmine', 'setup.sh');
const REDMINE_ROOT = '/usr/share/redmine';
/** The ruby-bundler version Debian ships; see setup.sh for why it must be pinned. */
const BUNDLER_VERSION = '2.3.15';

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${err.slice(-3000)}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** Installs (first time only) and prepares the instance; returns the admin's API key. */
export async function prepareRedmine(
  instance = 'tandem',
): Promise<{ apiKey: string; env: NodeJS.ProcessEnv }> {
  const env = { ...process.env, REDMINE_INSTANCE: instance, BUNDLER_VERSION, RAILS_ENV: 'production' };
  const out = await run('bash', [SETUP], env);
  const ready = /^READY (\S+) ([0-9a-f]+)$/m.exec(out);
  if (!ready?.[2]) throw new Error(`Redmine setup printed no API key:\n${out.slice(-2000)}`);
  return { apiKey: ready[2], env };
}

async function waitUntilUp(baseUrl: string, apiKey: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`thin exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/issue_statuses.json`, { headers: { 'X-Redmine-API-Key': apiKey } });
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Redmine did not answer on ${baseUrl} within 90 s:\n${log()}`);
}

export async function startLocalRedmine(
  opts: { instance?: string; port?: number } = {},
): Promise<LocalRedmine> {
  const { apiKey, env } = await prepareRedmine(opts.instance);
  const port = opts.port ?? (await freePort());
  const child = spawn('bundle', ['exec', 'thin', 'start', '-a', '127.0.0.1', '-p', String(port)], {
    cwd: REDMINE_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const collect = (d: Buffer) => {
    log = (log + d.toString()).slice(-5000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const baseUrl = `http://127.0.0.1:${port}`;
  // thin must not outlive whoever started it, however that process ends.
  const killOnExit = () => {
    child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);
  const stop = () =>
    new Promise<void>((resolve) => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null) {
        resolve();
        return;
      }
      child.once('exit', () => {
        resolve();
      });
      child.kill('SIGTERM');
    });
  try {
    await waitUntilUp(baseUrl, apiKey, child, () => log);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, apiKey, stop };
}
