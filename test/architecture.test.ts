/**
 * Imports point down only (DESIGN.md, "Layers"): the core is pure TypeScript that knows no adapter and no
 * Forge package, and connectors know neither the Forge entry points nor the platform. Every import form
 * counts: `import`, `import type`, `export … from`, `require()` and `import()`.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src');
const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;

interface LayerRule {
  layer: string;
  /** Folders under src/ this layer must not import from. */
  forbiddenDirs: string[];
  /** Package name prefixes this layer must not import. */
  forbiddenPackages: string[];
}

const RULES: LayerRule[] = [
  {
    layer: 'core',
    forbiddenDirs: ['entry', 'platform', 'connectors', 'frontend'],
    forbiddenPackages: ['@forge/'],
  },
  { layer: 'connectors', forbiddenDirs: ['entry', 'platform'], forbiddenPackages: [] },
];

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE_FILE.test(entry.name) ? [full] : [];
  });
}

/** Module specifiers as the TypeScript scanner sees them, requires and dynamic imports included. */
const importsOf = (source: string): string[] =>
  ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);

const isInside = (file: string, dir: string): boolean => file === dir || file.startsWith(dir + path.sep);

function violationsIn(file: string, source: string, rule: LayerRule): string[] {
  const where = path.relative(ROOT, file);
  return importsOf(source).flatMap((specifier) => {
    const isPath = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('src/');
    if (!isPath) {
      const banned = rule.forbiddenPackages.some((prefix) => specifier.startsWith(prefix));
      return banned ? [`${where} imports ${specifier}`] : [];
    }
    const target = specifier.startsWith('src/')
      ? path.resolve(ROOT, specifier)
      : path.resolve(path.dirname(file), specifier);
    const hit = rule.forbiddenDirs.find((dir) => isInside(target, path.join(SRC, dir)));
    return hit === undefined ? [] : [`${where} imports ${specifier} (src/${hit})`];
  });
}

const violationsOfLayer = (rule: LayerRule): string[] =>
  sourceFiles(path.join(SRC, rule.layer)).flatMap((file) =>
    violationsIn(file, fs.readFileSync(file, 'utf8'), rule),
  );

describe('layering', () => {
  it('scans the core', () => {
    expect(sourceFiles(path.join(SRC, 'core')).length).toBeGreaterThan(0);
  });

  it.each(RULES)('src/$layer imports only what lies below it', (rule) => {
    expect(violationsOfLayer(rule)).toEqual([]);
  });

  describe('the checker', () => {
    const [core, connectors] = RULES;
    const coreFile = path.join(SRC, 'core', 'cycle', 'example.ts');
    const connectorFile = path.join(SRC, 'connectors', 'github', 'client.ts');

    it('flags every import form that reaches a forbidden layer or package', () => {
      const source = [
        "import { onJiraEvent } from '../../entry/triggers/on-jira-event';",
        "import type { KvsStore } from '../../platform/kvs/store';",
        "export { GitHub } from '../../connectors/github';",
        "const panel = require('../../frontend/issue-panel');",
        "const later = import('src/platform/queue');",
        "import api from '@forge/api';",
        "import { kvs } from '@forge/kvs';",
      ].join('\n');
      expect(violationsIn(coreFile, source, core!)).toHaveLength(7);
    });

    it('lets the core import itself and plain packages', () => {
      const source = [
        "import { z } from 'zod';",
        "import type { Json } from '../model';",
        "import { planOutgoing } from './plan-outgoing';",
        "import { entryPoint } from '../entry-point';",
      ].join('\n');
      expect(violationsIn(coreFile, source, core!)).toEqual([]);
    });

    it('keeps connectors away from entry and platform, but lets them use the core', () => {
      const source = [
        "import type { TrackerPort } from '../../core/ports';",
        "import { queue } from '../../platform/queue';",
        "import { onTrackerWebhook } from '../../entry/webtriggers/on-tracker-webhook';",
      ].join('\n');
      expect(violationsIn(connectorFile, source, connectors!)).toEqual([
        'src/connectors/github/client.ts imports ../../platform/queue (src/platform)',
        'src/connectors/github/client.ts imports ../../entry/webtriggers/on-tracker-webhook (src/entry)',
      ]);
    });
  });
});
