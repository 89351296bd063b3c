/**
 * @forge/lint's client-side rules (the ones `forge lint` and `forge deploy` run on this machine before
 * asking Atlassian's server): scopes of API calls, handler exports, deprecated APIs, UI Kit, manifest.
 * Files are chosen as the CLI's LintService chooses them (src/ and each UI Kit resource's folder, less
 * .gitignore), and handed to the linter's own `lint`. The linter silently skips a TypeScript file that
 * the root tsconfig's expanded `include` does not list (lint.js), which once left it parsing 0 of 202
 * files (issue 12), so the check counts what it parsed and fails on any file left out.
 */
import path from 'node:path';
import { forgeModule, offlineFeatureGates, RecordingLogger, type ForgeLogger } from './forge-tools';
import { useOfflineSwagger } from './offline-swagger';

interface LintProblem {
  line: number;
  column: number;
  message: string;
}
interface LintResult {
  file: string;
  errors: LintProblem[];
  warnings: LintProblem[];
  approvals: LintProblem[];
}
type Parser = unknown;
interface ParsedFile {
  ast: unknown;
  filepath: string;
}
interface ForgeLint {
  lint(
    files: string[],
    manifest: unknown,
    environment: string,
    logger: ForgeLogger,
    gates: object,
    config: {
      linter: { mode: 'client-side' };
      parseFunction: (file: string, parser: Parser) => Promise<ParsedFile>;
    },
  ): Promise<LintResult[]>;
  parseSourceFile(file: string, parser: Parser): Promise<ParsedFile>;
}
interface CliShared {
  ConfigFile: new (
    reader: unknown,
    writer: unknown,
  ) => {
    readConfig(): Promise<unknown>;
    getResources(types: string[]): Promise<{ path: string }[]>;
  };
  FileSystemReader: new () => { recursiveReadDir(dir: string, exclude: string[]): Promise<string[]> };
  FileSystemWriter: new () => unknown;
  listGitIgnoreFiles(reader: unknown): Promise<string[]>;
}

export interface LintReport {
  problems: string[];
  sourceFiles: number;
  parsed: number;
}

/** The linter's own test for what it parses (lint.js): .js/.jsx always, .ts/.tsx when tsconfig includes it. */
const SOURCE_FILE = /\.(jsx?|tsx?)$/;

export async function checkLint(): Promise<LintReport> {
  useOfflineSwagger();
  const shared = forgeModule<CliShared>('@forge/cli-shared');
  const forgeLint = forgeModule<ForgeLint>('@forge/lint');
  const logger = new RecordingLogger('[lint]');

  const reader = new shared.FileSystemReader();
  const configFile = new shared.ConfigFile(reader, new shared.FileSystemWriter());
  const exclude = [...(await shared.listGitIgnoreFiles(reader)), '.git', 'node_modules'];
  const uiKitDirs = (await configFile.getResources(['nativeUI'])).map((r) => path.dirname(r.path));
  const listed = (
    await Promise.all(['./src', ...uiKitDirs].map((dir) => reader.recursiveReadDir(dir, exclude)))
  ).flat();
  const files = [...new Set(listed)];
  const sourceFiles = files.filter((f) => SOURCE_FILE.test(f));

  const parsed = new Set<string>();
  const results = await forgeLint.lint(
    files,
    await configFile.readConfig(),
    'production',
    logger,
    offlineFeatureGates(new Set()),
    {
      linter: { mode: 'client-side' },
      parseFunction: async (file, parser) => {
        const result = await forgeLint.parseSourceFile(file, parser);
        parsed.add(file);
        return result;
      },
    },
  );

  const problems: string[] = [];
  const missed = sourceFiles.filter((f) => !parsed.has(f));
  if (missed.length > 0) {
    problems.push(
      `the linter parsed ${parsed.size} of ${sourceFiles.length} source files; left out: ${missed.slice(0, 5).join(', ')}` +
        (missed.length > 5 ? ` and ${missed.length - 5} more` : '') +
        ' (is each in tsconfig.json `include` as a glob?)',
    );
  }
  for (const result of results) {
    const where = path.relative(process.cwd(), path.resolve(result.file || 'manifest.yml'));
    for (const [kind, list] of [
      ['error', result.errors],
      ['warning', result.warnings],
      ['needs approval', result.approvals],
    ] as const) {
      for (const p of list) problems.push(`${kind} ${where}:${p.line}:${p.column} ${p.message}`);
    }
  }
  problems.push(...logger.errors.map((e) => `error: ${e}`), ...logger.warnings.map((w) => `warning: ${w}`));
  return { problems, sourceFiles: sourceFiles.length, parsed: parsed.size };
}
