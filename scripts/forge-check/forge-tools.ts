/**
 * Loads Atlassian's own Forge CLI code from the pinned toolchain in .forge-tools/ (run.sh installs it from
 * scripts/forge-check/tools). The app's own node_modules does not hold @forge/cli: it is a deploy tool, not
 * a dependency of the app, and it needs Node 22.
 *
 * The CLI ships CommonJS with its own .d.ts files, but typing against them would make `npm run typecheck`
 * depend on .forge-tools/ being installed; the few shapes the check drives are declared here instead.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const TOOLS_DIR = path.join(REPO_ROOT, '.forge-tools');

const toolsRequire = createRequire(path.join(TOOLS_DIR, 'package.json'));

/** A module of the pinned toolchain, e.g. `@forge/cli/out/deploy`, typed by the shape its caller declares. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T is the caller's declared shape
export function forgeModule<T>(specifier: string): T {
  if (!existsSync(path.join(TOOLS_DIR, 'node_modules'))) {
    throw new Error(`${TOOLS_DIR} has no toolchain: run \`npm run check:forge\`, which installs it`);
  }
  // The one cast of the check: a CommonJS module's exports, shaped by the interfaces its caller declares.
  return toolsRequire(specifier) as T;
}

/** The logger interface of @forge/cli-shared (ui/logger.d.ts), which every CLI class takes. */
export interface ForgeLogger {
  traceEnabled: boolean;
  debugEnabled: boolean;
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(error: Error): void;
}

/** A logger that prints what the CLI says and keeps its warnings and errors, which fail the check. */
export class RecordingLogger implements ForgeLogger {
  traceEnabled = false;
  debugEnabled = process.env.FORGE_CHECK_DEBUG === '1';
  readonly warnings: string[] = [];
  readonly errors: string[] = [];

  constructor(private readonly prefix: string) {}

  trace(message: string): void {
    if (this.traceEnabled) console.log(`${this.prefix} ${message}`);
  }
  debug(message: string): void {
    if (this.debugEnabled) console.log(`${this.prefix} ${message}`);
  }
  info(message: string): void {
    // @forge/lint reports a rule that could not run through info ("Warning: Could not perform some
    // linting actions for …"): that is a warning too, or a broken rule would pass unseen.
    // eslint-disable-next-line no-control-regex -- strips the terminal colours chalk may add
    if (/^\W*warning\b/i.test(message.replace(/\x1b\[[0-9;]*m/g, ''))) {
      this.warn(message);
      return;
    }
    console.log(`${this.prefix} ${message}`);
  }
  warn(message: string): void {
    this.warnings.push(message);
    console.log(`${this.prefix} WARNING ${message}`);
  }
  error(error: Error): void {
    this.errors.push(error.message);
    console.log(`${this.prefix} ERROR ${error.message}`);
  }
}

interface StatsigModule {
  StatsigService: { prototype: object };
}

/**
 * The CLI's own StatsigService (feature gates and dynamic configs fetched from Atlassian) with its two
 * fetches answering "not fetched" (null), as they do when the network fails (statsig-service.js,
 * checkGate/getDynamicConfig): every gate then takes the default the CLI itself codes for it, e.g. no
 * deprecated runtimes and separate uploads. A stand-in that answered `false` to everything broke the
 * manifest linter, which expects a list of deprecated runtimes. The names asked are recorded for the report.
 */
export function offlineFeatureGates(asked: Set<string>): object {
  const { StatsigService } = forgeModule<StatsigModule>('@forge/cli-shared/out/service/statsig-service');
  const gates: object = Object.create(StatsigService.prototype) as object;
  const notFetched = (name: string): Promise<null> => {
    asked.add(name);
    return Promise.resolve(null);
  };
  return Object.assign(gates, { checkGate: notFetched, getDynamicConfig: notFetched });
}
