/**
 * manifest.yml, checked offline: Forge's own manifest linter (the validators `forge lint` runs, from
 * @forge/manifest, without the login and network the CLI needs), then what the linter cannot know:
 * handlers exist in src/index.ts, events exist in the Forge events reference, resources exist on disk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProcessorBuilder, ValidationTypes, type ValidationError } from '@forge/manifest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import * as entryModule from '../src/index';
import { HANDLED_JIRA_EVENTS } from '../src/entry/triggers/jira-event-schema';

const ROOT = path.resolve(__dirname, '..');
const MANIFEST_FILE = path.join(ROOT, 'manifest.yml');
const EVENTS_REFERENCE = path.resolve(__dirname, '../../shared/contracts/jira/forge-events-reference.md');

/**
 * `forge lint` fetches the deprecated runtimes from Atlassian; offline we name the ones we know are past
 * end of life (Node 18 since April 2025, Node 20 since April 2026) so the manifest cannot slide back.
 */
const DEPRECATED_RUNTIMES = ['nodejs18.x', 'nodejs20.x'];

/** Every processor whose validators work offline: the full lint plus the separate checks the CLI runs. */
const LINT_PASSES = [
  ValidationTypes.FULL,
  ValidationTypes.PRODUCT_TRIGGER,
  ValidationTypes.DEPRECATED_EGRESS_PERMISSIONS,
  ValidationTypes.DEPRECATED_CSP_METHOD,
];

async function lintManifest(file: string): Promise<string[]> {
  const problems: string[] = [];
  for (const pass of LINT_PASSES) {
    const result = await ProcessorBuilder.instance()
      .withValidation(pass)
      .withOptions({ deprecatedRuntimes: DEPRECATED_RUNTIMES })
      .build()
      .process(file);
    const errors: ValidationError[] = result.errors ?? [];
    problems.push(
      ...errors.map((e) => `[${pass}] ${e.level} at line ${String(e.line ?? '?')}: ${e.message}`),
    );
    if (!result.success && errors.length === 0) problems.push(`[${pass}] failed without a message`);
  }
  return problems;
}

const EventSchema = z.union([z.string(), z.looseObject({ eventType: z.string() })]);
const ModuleSchema = z.looseObject({
  key: z.string(),
  function: z.string().optional(),
  handler: z.string().optional(),
  timeoutSeconds: z.number().optional(),
  resolver: z.looseObject({ function: z.string().optional() }).optional(),
  resource: z.string().optional(),
  render: z.string().optional(),
  interval: z.string().optional(),
  queue: z.string().optional(),
  events: z.array(EventSchema).optional(),
  filter: z.looseObject({ ignoreSelf: z.boolean().optional() }).optional(),
});
const ManifestSchema = z.looseObject({
  app: z.looseObject({ runtime: z.looseObject({ name: z.string() }) }),
  modules: z.record(z.string(), z.array(ModuleSchema)),
  resources: z.array(z.looseObject({ key: z.string(), path: z.string() })).default([]),
  permissions: z.looseObject({
    scopes: z.array(z.string()).default([]),
    external: z
      .looseObject({
        fetch: z.looseObject({ backend: z.array(z.unknown()).default([]) }).optional(),
      })
      .optional(),
  }),
});
type Manifest = z.output<typeof ManifestSchema>;
type ManifestModule = z.output<typeof ModuleSchema>;

const manifest: Manifest = ManifestSchema.parse(parseYaml(fs.readFileSync(MANIFEST_FILE, 'utf8')));
const modulesOf = (type: string): ManifestModule[] => manifest.modules[type] ?? [];
const eventNames = (module: ManifestModule): string[] =>
  (module.events ?? []).map((e) => (typeof e === 'string' ? e : e.eventType));

/** Every `avi:…` name the reference spells in backticks: the events Forge can deliver. */
function referencedEventNames(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/`(avi:[a-z0-9-]+(?::[a-z0-9-]+)+)`/g)].map((m) => m[1] ?? ''));
}

/**
 * The app's own lifecycle events (developer.atlassian.com/platform/forge/events-reference/life-cycle/): not
 * in the Jira events reference in ../shared, so listed here.
 */
const FORGE_LIFECYCLE_EVENTS: ReadonlySet<string> = new Set([
  'avi:forge:installed:app',
  'avi:forge:upgraded:app',
  'avi:forge:uninstalled:app',
]);

const unknownEvents = (events: readonly string[], known: ReadonlySet<string>): string[] =>
  events.filter((e) => !known.has(e));

describe('manifest.yml', () => {
  it('passes the Forge manifest lint with no error and no warning', async () => {
    expect(await lintManifest(MANIFEST_FILE)).toEqual([]);
  });

  it('runs on nodejs22.x', () => {
    expect(manifest.app.runtime.name).toBe('nodejs22.x');
  });

  it('declares every surface of DESIGN.md', () => {
    expect(modulesOf('scheduledTrigger').map((m) => m.interval)).toEqual(['fiveMinute']);
    expect(modulesOf('consumer')).toHaveLength(1);
    expect(
      modulesOf('webtrigger')
        .map((m) => m.key)
        .sort(),
    ).toEqual(['analytics-export', 'devinfo-webhook', 'health-check', 'tracker-webhook']);
    expect(modulesOf('jira:projectSettingsPage')).toHaveLength(1);
    expect(modulesOf('jira:issuePanel').map((m) => m.render)).toEqual(['native']);
    expect(modulesOf('devops:developmentInfoProvider')).toHaveLength(1);
  });

  it('gives the queue consumer the longest run time Forge allows', () => {
    const consumerFunctions = new Set(modulesOf('consumer').map((m) => m.function));
    const timeouts = modulesOf('function')
      .filter((f) => consumerFunctions.has(f.key))
      .map((f) => f.timeoutSeconds);
    expect(timeouts).toEqual([900]);
  });

  describe('functions', () => {
    const exported = new Map<string, unknown>(Object.entries(entryModule));
    const handlers = modulesOf('function').map((f) => ({ key: f.key, handler: f.handler ?? '' }));

    it.each(handlers)('$key: $handler is a function exported from src/index.ts', ({ handler }) => {
      const match = /^index\.([A-Za-z_$][\w$]*)$/.exec(handler);
      expect(match).not.toBeNull();
      const name = match?.[1] ?? '';
      expect(exported.has(name)).toBe(true);
      expect(typeof exported.get(name)).toBe('function');
    });

    it('src/index.ts exports nothing the manifest does not name', () => {
      const named = new Set(handlers.map((h) => h.handler.replace(/^index\./, '')));
      expect([...exported.keys()].filter((name) => !named.has(name))).toEqual([]);
    });

    it('every function is used by a module, and every module names a declared function', () => {
      const declared = new Set(handlers.map((h) => h.key));
      const used = Object.entries(manifest.modules)
        .filter(([type]) => type !== 'function')
        .flatMap(([, modules]) => modules.flatMap((m) => [m.function, m.resolver?.function]))
        .filter((key): key is string => key !== undefined);
      expect(used.filter((key) => !declared.has(key))).toEqual([]);
      expect([...declared].filter((key) => !used.includes(key))).toEqual([]);
    });
  });

  describe('triggers', () => {
    const known = referencedEventNames(fs.readFileSync(EVENTS_REFERENCE, 'utf8'));
    /** Lifecycle triggers subscribe to the app's own events, which the Jira events reference does not list. */
    const isLifecycle = (module: ManifestModule): boolean =>
      eventNames(module).every((e) => FORGE_LIFECYCLE_EVENTS.has(e));
    const jiraTriggers = modulesOf('trigger').filter((m) => !isLifecycle(m));
    const subscribed = jiraTriggers.flatMap(eventNames);
    const all = modulesOf('trigger').flatMap(eventNames);

    it('reads the Forge events reference', () => {
      expect(known.has('avi:jira:created:issue')).toBe(true);
      expect(known.size).toBeGreaterThan(40);
    });

    it('subscribes only to events the Forge events reference or its lifecycle events list', () => {
      expect(unknownEvents(all, new Set([...known, ...FORGE_LIFECYCLE_EVENTS]))).toEqual([]);
    });

    it('would reject an event the reference does not list', () => {
      const allowed = new Set([...known, ...FORGE_LIFECYCLE_EVENTS]);
      expect(
        unknownEvents(['avi:jira:created:issue', 'avi:jira:bogus:issue', 'avi:forge:bogus:app'], allowed),
      ).toEqual(['avi:jira:bogus:issue', 'avi:forge:bogus:app']);
    });

    it('subscribes to exactly the events the trigger handler parses', () => {
      expect([...subscribed].sort()).toEqual([...HANDLED_JIRA_EVENTS].sort());
      expect(new Set(subscribed).size).toBe(subscribed.length);
    });

    it('ignores Jira events the app caused itself', () => {
      for (const trigger of jiraTriggers) expect(trigger.filter?.ignoreSelf).toBe(true);
    });

    it('erases the app’s data on uninstall, from the lifecycle event and from preUninstall', () => {
      const erasing = modulesOf('trigger').filter((m) => eventNames(m).includes('avi:forge:uninstalled:app'));
      expect(erasing.map((m) => m.function)).toEqual(['on-app-uninstall']);
      expect(modulesOf('preUninstall').map((m) => m.function)).toEqual(['on-app-uninstall']);
      const fn = modulesOf('function').find((f) => f.key === 'on-app-uninstall');
      expect(fn?.handler).toBe('index.onAppUninstall');
    });
  });

  describe('resources', () => {
    const renderedResources = new Set(
      Object.values(manifest.modules)
        .flat()
        .map((m) => m.resource)
        .filter((key): key is string => key !== undefined),
    );
    it.each(manifest.resources)('$key: $path exists', ({ key, path: resourcePath }) => {
      const resolved = path.resolve(ROOT, resourcePath);
      if (!fs.existsSync(resolved)) {
        throw new Error(
          `${resourcePath} does not exist (a Custom UI resource is a build output: build it first)`,
        );
      }
      // A directory a module renders (Custom UI) needs its index.html; an asset folder (brand) does not.
      if (fs.statSync(resolved).isDirectory() && renderedResources.has(key)) {
        expect(fs.existsSync(path.join(resolved, 'index.html'))).toBe(true);
      }
    });

    it('every resource:<key>;<path> reference (icons, logos) names a file the app ships', () => {
      const references = [
        ...fs.readFileSync(MANIFEST_FILE, 'utf8').matchAll(/resource:([\w-]+);([\w./-]+)/g),
      ];
      expect(references.length).toBeGreaterThanOrEqual(2);
      const missing = references.filter(([, key = '', file = '']) => {
        const base = manifest.resources.find((r) => r.key === key)?.path;
        return base === undefined || !fs.existsSync(path.resolve(ROOT, base, file));
      });
      expect(missing.map((m) => m[0])).toEqual([]);
    });

    it('the issue panel and the dev info provider use Tandem’s own icon, not Atlassian’s sample', () => {
      const panel = modulesOf('jira:issuePanel')[0];
      const provider = modulesOf('devops:developmentInfoProvider')[0];
      expect(panel?.['icon']).toMatch(/^resource:brand;/);
      expect(provider?.['logoUrl']).toMatch(/^resource:brand;/);
    });

    it('every module resource names a declared resource', () => {
      const declared = new Set(manifest.resources.map((r) => r.key));
      const referenced = Object.values(manifest.modules)
        .flat()
        .map((m) => m.resource?.split('/')[0])
        .filter((key): key is string => key !== undefined);
      expect(referenced.filter((key) => !declared.has(key))).toEqual([]);
    });
  });

  it('declares backend egress in the object form', () => {
    const backend = manifest.permissions.external?.fetch?.backend ?? [];
    expect(backend.length).toBeGreaterThan(0);
    const AddressSchema = z.strictObject({ address: z.string().min(1) });
    expect(backend.filter((entry) => !AddressSchema.safeParse(entry).success)).toEqual([]);
  });
});

describe('the offline lint harness', () => {
  it('reports warnings, not only errors (a deprecated string egress entry)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-manifest-'));
    try {
      const file = path.join(dir, 'manifest.yml');
      const stale = fs
        .readFileSync(MANIFEST_FILE, 'utf8')
        .replace("- address: '*.atlassian.net'", "- '*.atlassian.net'");
      fs.writeFileSync(file, stale);
      const problems = await lintManifest(file);
      expect(problems.some((p) => p.includes('warning') && p.includes('fetch.backend'))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
