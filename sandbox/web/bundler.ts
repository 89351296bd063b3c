/**
 * esbuild bundles, built on first use and rebuilt when one of their own source files changes (so editing the
 * issue panel or a page script while the sandbox runs shows up on the next page load). Two kinds: the UI Kit
 * resource, bundled like the Forge CLI does for `render: native` (browser platform, production React), and the
 * pages' own browser scripts in client/.
 */
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import path from 'node:path';

export interface Bundle {
  code: string;
  /** Increases on every rebuild; lets callers cache what they derive from `code`. */
  generation: number;
}

interface Built {
  code: string;
  generation: number;
  /** Own (non-node_modules) inputs with the mtime they had when bundled. */
  inputs: { file: string; mtimeMs: number }[];
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

export class Bundler {
  private readonly built = new Map<string, Promise<Built>>();
  private generation = 0;

  constructor(private readonly rootDir: string) {}

  async get(entry: string): Promise<Bundle> {
    const previous = this.built.get(entry);
    if (previous) {
      const done = await previous.catch(() => undefined);
      if (done && done.inputs.every((i) => mtime(i.file) === i.mtimeMs))
        return { code: done.code, generation: done.generation };
      // A failed build is retried on the next request rather than remembered: the fix may already be saved.
      if (this.built.get(entry) !== previous) return this.get(entry);
    }
    const next = this.bundle(entry);
    this.built.set(entry, next);
    const done = await next;
    return { code: done.code, generation: done.generation };
  }

  private async bundle(entry: string): Promise<Built> {
    const result = await build({
      absWorkingDir: this.rootDir,
      entryPoints: [entry],
      bundle: true,
      write: false,
      metafile: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      // Forge bundles UI Kit apps for production; React's development build would also warn into the console.
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
      legalComments: 'none',
    });
    const code = result.outputFiles[0]?.text;
    if (code === undefined) throw new Error(`esbuild produced nothing for ${entry}`);
    const inputs = Object.keys(result.metafile.inputs)
      .filter((file) => !file.includes('node_modules'))
      .map((file) => {
        const abs = path.resolve(this.rootDir, file);
        return { file: abs, mtimeMs: mtime(abs) };
      });
    this.generation += 1;
    return { code, generation: this.generation, inputs };
  }
}
