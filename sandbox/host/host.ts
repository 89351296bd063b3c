/**
 * createHost: the local Forge host. Reads the manifest, loads the handlers, provides the platform globals,
 * and serves the control API, web triggers and the Jira emulator's sites on one HTTP server on 127.0.0.1.
 */
import path from 'node:path';
import { z } from 'zod';
import { JiraEmulator, seedDemo, type RateLimitSettings } from '../jira';
import { KvsService } from '../kvs/kvs-service';
import { HostClock } from './host-clock';
import { controlApi } from './control-api';
import { EgressPolicy } from './egress';
import { EventsBridge } from './events-bridge';
import { FaultControl } from './fault-control';
import { FunctionRunner, type RunResult } from './function-runner';
import { HandlerRegistry, type HandlersModule } from './handlers';
import { HostFaults } from './host-faults';
import { storedConnections } from '../app-seed';
import { storedGitIntegrations } from '../devinfo-seed';
import { demoBody, healthBody } from './host-info';
import { homePage } from './http/home-page';
import { startHttpServer, type RunningServer } from './http/http-server';
import type { RouteHandler } from './http/http-types';
import { jiraMount } from './http/jira-mount';
import type { Invocation, InvocationPlatform } from './invocation-context';
import { invocationContextArg, sandboxInstallation } from './installation';
import { simulateUninstall } from './lifecycle';
import { SandboxLicense, type LicenseSetting } from './license';
import { InvocationLog, type InvocationRecord } from './invocation-log';
import { loadManifest, type AppManifest } from './manifest';
import { PendingWork, type SettleResult } from './pending-work';
import { StateFiles } from './persistence';
import { SandboxPlatform } from './platform';
import { SandboxQueue } from './queue';
import { RequestLog, type OutboundRequest } from './request-log';
import { invokeResolver, type InvokeBody, type InvokeReply } from './resolvers';
import { installRuntimeGlobals } from './runtime-globals';
import { Scheduler } from './scheduler';
import { webtriggerRoute, type WebtriggerBodyEncoding } from './webtrigger-route';
import { WebtriggerUrls } from './webtrigger-urls';

const REPO_ROOT = path.resolve(__dirname, '../..');

export interface HostLogger {
  info(line: string): void;
  warn(line: string): void;
}

export interface SandboxHostOptions {
  /** Default: the repository's manifest.yml. */
  manifestPath?: string;
  /** The module `index.*` handlers resolve to (a path, or the module object). Default: src/index.ts. */
  handlersModule?: HandlersModule;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Where state lives (`<stateDir>/state/*.json`); `null` (default) keeps everything in memory. */
  stateDir?: string | null;
  /** Seed for a fresh emulator (no saved state): `demo` (default) or `none` (an empty local site). */
  seed?: 'demo' | 'none';
  /** Bring your own emulator (e.g. pre-seeded); it is seeded only if it has no sites. */
  emulator?: JiraEmulator;
  /** The site the app is installed on. Default `local`. */
  localSite?: string;
  /**
   * Let the app's `fetch` reach 127.0.0.1 / localhost, which no real allowlist contains. On for the demo and
   * tests that use a sandbox site (`http://127.0.0.1:PORT/sites/partner`) as a remote Jira. Default false.
   */
  allowLocalEgress?: boolean;
  /** Scheduled triggers run every interval / speed (60: `fiveMinute` every 5 s). `null` (default): manual only. */
  scheduleSpeed?: number | null;
  /** Multiplies queue delays and retry waits; 0.01 turns Forge's 1 s minimum retry wait into 10 ms. Default 1. */
  queueDelayScale?: number;
  /** Validate emulator traffic against Atlassian's OpenAPI documents. Default false. */
  contract?: boolean;
  /**
   * How a web trigger's `body` string becomes bytes on the wire (webtrigger-route.ts says why it is a choice):
   * `utf8` (default) or `latin1`, one byte per character, which binary bodies such as the analytics export's
   * Parquet files need. Forge documents neither.
   */
  webtriggerBodyEncoding?: WebtriggerBodyEncoding;
  cloudId?: string;
  logger?: HostLogger;
  /** The install's license (sandbox/host/license.ts); default `none`, as in a development install. */
  license?: LicenseSetting;
  /** Jira's rate limits on every site of a new emulator; none by default (`npm start` sets Atlassian's figures). */
  rateLimits?: RateLimitSettings;
  /** Entries kept by the request and invocation logs (default 20,000); the benchmark keeps them all. */
  logCapacity?: number;
}

export interface SandboxHost {
  readonly url: string;
  readonly port: number;
  readonly manifest: AppManifest;
  readonly emulator: JiraEmulator;
  readonly kvs: KvsService;
  readonly cloudId: string;
  readonly faults: FaultControl;
  readonly license: SandboxLicense;
  /** Mounts more HTTP routes (web pages); tried after the control API, web triggers and sites, before `GET /`. */
  addRoutes(handler: RouteHandler): void;
  /** Adds a top-level entry to `GET /_sandbox/api/demo` (an optional remote such as `--remote redmine`). */
  setDemoInfo(key: string, value: unknown): void;
  /** What `POST /_sandbox/api/invoke/<functionKey>` does. */
  invoke(functionKey: string, body?: InvokeBody): Promise<InvokeReply>;
  runScheduled(moduleKey: string): Promise<RunResult>;
  settle(timeoutMs?: number): Promise<SettleResult>;
  /**
   * When nothing runs (no invocation, no product event) and queued events only wait for their due time,
   * skips the host clock to the earliest and delivers it (host-clock.ts). Returns the ms skipped, 0 if none.
   */
  skipIdleTime(): number;
  /** How far the host clock is ahead of the wall clock. */
  readonly skippedMs: number;
  webtriggerUrl(moduleKey: string, forceCreate?: boolean): string;
  requests(since?: number): OutboundRequest[];
  invocations(since?: number): InvocationRecord[];
  close(): Promise<void>;
}

const SILENT: HostLogger = { info: () => undefined, warn: () => undefined };

function prepareEmulator(
  options: SandboxHostOptions,
  state: StateFiles,
  localSite: string,
  clock: HostClock,
): JiraEmulator {
  const emulator =
    options.emulator ??
    new JiraEmulator({
      contract: options.contract ?? false,
      localSite,
      // Rate-limit windows pass with the host's time, as the queue's waits for them do (host-clock.ts).
      wallClock: clock.now,
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    });
  const restored = state.restore('jira', (saved) => {
    emulator.load(saved);
  });
  if (!restored && emulator.siteNames().length === 0 && (options.seed ?? 'demo') === 'demo')
    seedDemo(emulator);
  if (!emulator.siteNames().includes(localSite)) emulator.addSite(localSite);
  return emulator;
}

export async function createHost(options: SandboxHostOptions = {}): Promise<SandboxHost> {
  installRuntimeGlobals();
  const logger = options.logger ?? SILENT;
  const manifest = loadManifest(options.manifestPath ?? path.join(REPO_ROOT, 'manifest.yml'));
  const handlers = new HandlerRegistry(options.handlersModule ?? path.join(REPO_ROOT, 'src', 'index.ts'));
  await handlers.preload();

  const localSite = options.localSite ?? 'local';
  const stateDir = options.stateDir ?? null;
  const state = new StateFiles(stateDir === null ? null : path.join(stateDir, 'state'));
  const clock = new HostClock();
  const emulator = prepareEmulator(options, state, localSite, clock);
  const kvs: KvsService = new KvsService({
    now: clock.now,
    onChange: () => state.schedule('kvs', () => kvs.toJSON()),
  });
  state.restore('kvs', (saved) => {
    kvs.load(saved);
  });
  const saveJira = (): void => {
    state.schedule('jira', () => emulator.toJSON());
  };

  const install = sandboxInstallation(manifest, localSite, options.cloudId);
  const { cloudId } = install;
  const license = new SandboxLicense(options.license ?? 'none');
  const contextArg = invocationContextArg(cloudId, () => license.forgeLicense());

  let baseUrl = 'http://127.0.0.1:0';
  const requests = new RequestLog(options.logCapacity);
  const invocationLog = new InvocationLog(options.logCapacity);
  const pending = new PendingWork();
  // A site's admin webhook on its way to the host's web trigger is work `settle` must wait for.
  emulator.adminWebhooks.track((delivery) => {
    pending.add('events');
    void delivery.finally(() => {
      pending.done('events');
    });
  });
  const hostFaults = new HostFaults();
  const faults = new FaultControl(emulator, hostFaults);
  const webtriggers = new WebtriggerUrls(
    () => baseUrl,
    () => {
      state.schedule('webtriggers', () => webtriggers.snapshot());
    },
  );
  state.restore('webtriggers', (saved) => {
    webtriggers.restore(saved);
  });
  const webtriggerModules = new Set(manifest.webtriggers.map((w) => w.key));

  // The runner needs the platform and the platform needs the queue, which needs the runner: bind late.
  const late: { platform?: SandboxPlatform } = {};
  const platformRef: InvocationPlatform = {
    forgeFetch: (inv: Invocation, target, p, init) =>
      (late.platform ?? unbound()).forgeFetch(inv, target, p, init),
    outboundFetch: (inv: Invocation, input, init) =>
      (late.platform ?? unbound()).outboundFetch(inv, input, init),
  };
  const runner = new FunctionRunner({
    handlers,
    install,
    proxyUrl: () => baseUrl,
    license: () => license.forgeLicense(),
    platform: platformRef,
    pending,
    log: invocationLog,
    faults: hostFaults,
    warn: (line) => {
      logger.warn(line);
    },
  });
  const queue: SandboxQueue = new SandboxQueue({
    consumers: manifest.consumers,
    functions: manifest.functions,
    runner,
    pending,
    faults: hostFaults,
    delayScale: options.queueDelayScale ?? 1,
    clock,
    contextArg: () => contextArg(),
    onChange: () => {
      state.schedule('queue', () => queue.snapshot());
    },
    warn: (line) => {
      logger.warn(line);
    },
  });
  pending.describeWith(() => queue.describePending());
  late.platform = new SandboxPlatform({
    kvs,
    emulator,
    localSite,
    stargate: { queue, webtriggers, webtriggerModules },
    egress: new EgressPolicy(manifest.egress, options.allowLocalEgress ?? false),
    requests,
    faults: hostFaults,
    onJiraWrite: saveJira,
  });
  const bridge = new EventsBridge({
    emulator,
    localSite,
    triggers: manifest.triggers,
    functions: manifest.functions,
    runner,
    pending,
    contextArg: () => contextArg(),
  });
  const scheduler = new Scheduler({
    modules: manifest.scheduled,
    functions: manifest.functions,
    runner,
    cloudId,
    speed: options.scheduleSpeed ?? null,
    contextArg: () => contextArg(),
  });

  const siteUrl = (site: string): string => `${baseUrl}/sites/${site}`;
  const defaultAccountId = (): string | undefined =>
    Object.values(emulator.site(localSite).state.users).find(
      (u) => u.accountType === 'atlassian' && u.admin && u.active,
    )?.accountId;
  const invoke = (functionKey: string, body: InvokeBody = {}): Promise<InvokeReply> =>
    invokeResolver(
      {
        modules: manifest.resolvers,
        functions: manifest.functions,
        runner,
        cloudId,
        environmentId: install.environmentId,
        environmentType: install.environmentType,
        localSiteUrl: () => siteUrl(localSite),
        defaultAccountId,
        contextArg,
      },
      functionKey,
      body,
    );

  const health = (): unknown =>
    healthBody({
      url: baseUrl,
      emulator,
      manifest,
      productEvents: bridge.stats,
      pending: pending.snapshot(),
    });
  const demoInfo = new Map<string, unknown>();
  const demo = (): unknown => {
    const body = demoBody(baseUrl, emulator, localSite, {
      connections: storedConnections(kvs),
      gitIntegrations: storedGitIntegrations(kvs),
    });
    return { ...z.record(z.string(), z.unknown()).parse(body), ...Object.fromEntries(demoInfo) };
  };

  const added: RouteHandler[] = [];
  const server: RunningServer = await startHttpServer(
    {
      core: [
        controlApi({
          health,
          demo,
          scheduler,
          pending,
          requests,
          invocations: invocationLog,
          faults,
          emulator,
          devInfo: (site, issueKey) =>
            emulator.siteNames().includes(site) ? emulator.devInfoForIssue(site, issueKey) : undefined,
          localSite,
          invoke,
          webtriggers,
          webtriggerModules,
          license,
          uninstall: async () => {
            const report = await simulateUninstall({
              preUninstall: manifest.preUninstall,
              triggers: manifest.triggers,
              functions: manifest.functions,
              runner,
              install,
              kvs,
              contextArg: () => contextArg(),
            });
            state.writeNow('kvs', kvs.toJSON());
            return report;
          },
        }),
        webtriggerRoute({
          urls: webtriggers,
          modules: manifest.webtriggers,
          functions: manifest.functions,
          runner,
          cloudId,
          contextArg: () => contextArg(),
          bodyEncoding: options.webtriggerBodyEncoding ?? 'utf8',
        }),
        jiraMount(emulator, saveJira),
      ],
      added,
      fallback: homePage(() => ({
        sites: emulator.siteNames().map((name) => ({ name, url: siteUrl(name) })),
      })),
    },
    options.port ?? 0,
    '127.0.0.1',
  );
  baseUrl = server.url;
  emulator.setBaseUrl(siteUrl);

  state.restore('queue', (saved) => {
    queue.restore(saved);
  });
  bridge.start();
  scheduler.start();
  logger.info(`sandbox host listening on ${baseUrl}`);

  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    scheduler.stop();
    bridge.stop();
    const leftInQueue = queue.close();
    // In-flight invocations get a moment to finish, so their writes land before the state is saved.
    await pending.settle(2_000);
    await server.close();
    state.writeNow('queue', leftInQueue);
    state.writeNow('kvs', kvs.toJSON());
    state.writeNow('jira', emulator.toJSON());
    state.writeNow('webtriggers', webtriggers.snapshot());
    state.close();
  };

  return {
    get url() {
      return baseUrl;
    },
    get port() {
      return server.port;
    },
    manifest,
    emulator,
    kvs,
    cloudId,
    faults,
    license,
    addRoutes: (handler) => {
      added.push(handler);
    },
    setDemoInfo: (key, value) => {
      demoInfo.set(key, value);
    },
    invoke,
    runScheduled: (key) => scheduler.runNow(key),
    settle: (timeoutMs = 30_000) => pending.settle(timeoutMs),
    skipIdleTime: () => {
      const { invocations, events } = pending.snapshot();
      return invocations === 0 && events === 0 ? queue.skipToNextDue() : 0;
    },
    get skippedMs() {
      return clock.skipped;
    },
    webtriggerUrl: (key, forceCreate = false) => {
      if (!webtriggerModules.has(key)) throw new Error(`no webtrigger module '${key}'`);
      return webtriggers.getUrl(key, forceCreate);
    },
    requests: (since = 0) => requests.since(since),
    invocations: (since = 0) => invocationLog.since(since),
    close: () => (closing ??= close()),
  };
}

function unbound(): never {
  throw new Error('sandbox platform used before the host finished starting');
}
