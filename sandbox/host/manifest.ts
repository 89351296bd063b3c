/**
 * Reads manifest.yml into what the host needs to run the app: functions with their handlers and time limits,
 * and the modules that invoke them. Parsed with zod so a manifest the host cannot honour fails at start-up,
 * not at the first event. Unknown keys are allowed: the host ignores modules it has nothing to do for.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MAX_TIMEOUT_SECONDS, SCHEDULE_INTERVALS, type ScheduleInterval } from './limits';

const KeyedSchema = z.looseObject({ key: z.string().min(1) });

const FunctionSchema = z.looseObject({
  key: z.string().min(1),
  handler: z.string().regex(/^[^.]+(\.[^.]+)+$/, 'handler must read <file>.<export>'),
  timeoutSeconds: z.number().int().min(1).max(MAX_TIMEOUT_SECONDS).optional(),
});

/** Trigger events are plain names; newer manifests may also write `{ eventType }` objects. */
const TriggerEventSchema = z.union([z.string(), z.looseObject({ eventType: z.string() })]);

const TriggerSchema = z.looseObject({
  key: z.string().min(1),
  function: z.string().min(1),
  events: z.array(TriggerEventSchema).min(1),
  filter: z.looseObject({ ignoreSelf: z.boolean().optional() }).optional(),
});

const ScheduledSchema = z.looseObject({
  key: z.string().min(1),
  function: z.string().min(1),
  interval: z.enum(SCHEDULE_INTERVALS),
});

/** A consumer names its function directly, or (older form) a resolver function plus the method to call. */
const ConsumerSchema = z.looseObject({
  key: z.string().min(1),
  queue: z.string().regex(/^[a-zA-Z0-9-_]+$/),
  function: z.string().min(1).optional(),
  resolver: z.looseObject({ function: z.string().min(1), method: z.string().min(1) }).optional(),
});

const WebtriggerSchema = z.looseObject({
  key: z.string().min(1),
  function: z.string().min(1),
  response: z.looseObject({ type: z.enum(['static', 'dynamic']).optional() }).optional(),
});

/** A module that only names its function (`preUninstall`). */
const KeyedFunctionSchema = z.looseObject({ key: z.string().min(1), function: z.string().min(1) });

const ResolverRefSchema = z.looseObject({ resolver: z.looseObject({ function: z.string().min(1) }) });

const EgressEntrySchema = z.union([z.string(), z.looseObject({ address: z.string() })]);

const ManifestSchema = z.looseObject({
  app: z.looseObject({ id: z.string().regex(/^ari:cloud:ecosystem::app\/[^/]+$/) }),
  modules: z.record(z.string(), z.array(KeyedSchema)).default({}),
  permissions: z
    .looseObject({
      scopes: z.array(z.string()).default([]),
      external: z
        .looseObject({
          fetch: z.looseObject({ backend: z.array(EgressEntrySchema).default([]) }).optional(),
        })
        .optional(),
    })
    .default({ scopes: [] }),
});

export type ModuleKind = 'trigger' | 'scheduledTrigger' | 'consumer' | 'webtrigger' | 'resolver';

export interface FunctionDef {
  key: string;
  /** `<file>.<export>`, e.g. `index.onJiraEvent`. */
  handler: string;
  timeoutSeconds?: number;
}

export interface TriggerModule {
  key: string;
  function: string;
  events: string[];
  ignoreSelf: boolean;
}

export interface ScheduledModule {
  key: string;
  function: string;
  interval: ScheduleInterval;
}

export interface ConsumerModule {
  key: string;
  queue: string;
  function: string;
  /** Set for the resolver form: the handler is a @forge/resolver definitions function and this is the key. */
  method?: string;
}

export interface WebtriggerModule {
  key: string;
  function: string;
  dynamic: boolean;
}

export interface KeyedFunctionModule {
  key: string;
  function: string;
}

export interface ResolverModule {
  /** The manifest module type, e.g. `jira:issuePanel`. */
  type: string;
  key: string;
  function: string;
}

export interface AppManifest {
  /** The bare app id; @forge/api builds the ARI from it (out/api/ari.js). */
  appId: string;
  functions: ReadonlyMap<string, FunctionDef>;
  triggers: TriggerModule[];
  scheduled: ScheduledModule[];
  consumers: ConsumerModule[];
  webtriggers: WebtriggerModule[];
  resolvers: ResolverModule[];
  /** `preUninstall` modules: run when the app is uninstalled (sandbox/host/lifecycle.ts). */
  preUninstall: KeyedFunctionModule[];
  scopes: string[];
  /** `permissions.external.fetch.backend` addresses, e.g. `*.atlassian.net`. */
  egress: string[];
}

const HOST_HANDLED = new Set([
  'trigger',
  'scheduledTrigger',
  'consumer',
  'webtrigger',
  'function',
  'preUninstall',
]);

function parseEach<S extends z.ZodType>(schema: S, items: readonly unknown[], what: string): z.output<S>[] {
  return items.map((item, i) => {
    const result = schema.safeParse(item);
    if (!result.success) throw new Error(`manifest ${what}[${i}]: ${z.prettifyError(result.error)}`);
    return result.data;
  });
}

export function parseManifest(source: string, origin = 'manifest'): AppManifest {
  const raw: unknown = parseYaml(source);
  const result = ManifestSchema.safeParse(raw);
  if (!result.success) throw new Error(`${origin}: ${z.prettifyError(result.error)}`);
  const { app, modules, permissions } = result.data;
  const list = (kind: string): readonly unknown[] => modules[kind] ?? [];

  const functions = new Map<string, FunctionDef>();
  for (const f of parseEach(FunctionSchema, list('function'), 'function')) {
    functions.set(f.key, {
      key: f.key,
      handler: f.handler,
      ...(f.timeoutSeconds ? { timeoutSeconds: f.timeoutSeconds } : {}),
    });
  }

  const manifest: AppManifest = {
    appId: app.id.slice('ari:cloud:ecosystem::app/'.length),
    functions,
    triggers: parseEach(TriggerSchema, list('trigger'), 'trigger').map((t) => ({
      key: t.key,
      function: t.function,
      events: t.events.map((e) => (typeof e === 'string' ? e : e.eventType)),
      ignoreSelf: t.filter?.ignoreSelf ?? false,
    })),
    scheduled: parseEach(ScheduledSchema, list('scheduledTrigger'), 'scheduledTrigger').map((s) => ({
      key: s.key,
      function: s.function,
      interval: s.interval,
    })),
    consumers: parseEach(ConsumerSchema, list('consumer'), 'consumer').map((c) => {
      if (c.function !== undefined) return { key: c.key, queue: c.queue, function: c.function };
      if (c.resolver !== undefined) {
        return { key: c.key, queue: c.queue, function: c.resolver.function, method: c.resolver.method };
      }
      throw new Error(`${origin}: consumer ${c.key} names neither a function nor a resolver`);
    }),
    webtriggers: parseEach(WebtriggerSchema, list('webtrigger'), 'webtrigger').map((w) => ({
      key: w.key,
      function: w.function,
      dynamic: w.response?.type === 'dynamic',
    })),
    resolvers: Object.entries(modules)
      .filter(([type]) => !HOST_HANDLED.has(type))
      .flatMap(([type, items]) =>
        items.flatMap((item) => {
          const ref = ResolverRefSchema.safeParse(item);
          return ref.success ? [{ type, key: item.key, function: ref.data.resolver.function }] : [];
        }),
      ),
    preUninstall: parseEach(KeyedFunctionSchema, list('preUninstall'), 'preUninstall').map((m) => ({
      key: m.key,
      function: m.function,
    })),
    scopes: permissions.scopes,
    egress: (permissions.external?.fetch?.backend ?? []).map((e) => (typeof e === 'string' ? e : e.address)),
  };
  checkFunctionsExist(manifest, origin);
  return manifest;
}

function checkFunctionsExist(manifest: AppManifest, origin: string): void {
  const referenced = [
    ...manifest.triggers,
    ...manifest.scheduled,
    ...manifest.consumers,
    ...manifest.webtriggers,
    ...manifest.resolvers,
    ...manifest.preUninstall,
  ];
  for (const module of referenced) {
    if (!manifest.functions.has(module.function)) {
      throw new Error(
        `${origin}: module ${module.key} uses function ${module.function}, which is not declared`,
      );
    }
  }
}

export function loadManifest(path: string): AppManifest {
  return parseManifest(readFileSync(path, 'utf8'), path);
}
