/**
 * DuckDB itself, reading over HTTP: DuckDB-Wasm 1.28.0 in Debian's chromium, driven by playwright-core.
 * Why not @duckdb/node-api: its httpfs extension is not built in and DuckDB downloads it from
 * extensions.duckdb.org on first use, which this machine cannot reach (measured); DuckDB-Wasm from 1.29 on
 * downloads its parquet extension the same way. 1.28.0 has parquet and HTTP reads (through the browser's
 * XMLHttpRequest, with Range requests and HEAD for the size) built in, so the test needs no network.
 *
 * The page comes from a server of its own on 127.0.0.1, another origin than the sandbox's, so every read of
 * the export is a cross-origin request and the export's CORS headers are tested as a browser applies them.
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, requireChromium } from '../browser/browser-world';

const DIST = path.resolve(__dirname, '../../node_modules/@duckdb/duckdb-wasm/dist');

/** Runs in the page: one DuckDB, and `window.runQuery(sql)` answering rows as JSON (BIGINTs as numbers). */
const ENTRY = `
import * as duckdb from '@duckdb/duckdb-wasm';
const worker = new Worker('/dist/duckdb-browser-mvp.worker.js');
const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
await db.instantiate('/dist/duckdb-mvp.wasm');
const conn = await db.connect();
window.runQuery = async (sql) => {
  try {
    const table = await conn.query(sql);
    const rows = table.toArray().map((r) => r.toJSON());
    return JSON.stringify({ rows }, (k, v) => (typeof v === 'bigint' ? Number(v) : v));
  } catch (e) {
    return JSON.stringify({ error: String(e && e.message ? e.message : e) });
  }
};
window.duckdbReady = true;
`;

export interface DuckDbPage {
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** The error DuckDB gives for this SQL; fails when it succeeds. */
  error(sql: string): Promise<string>;
  /**
   * A new DuckDB session (the page loaded again). DuckDB-Wasm keeps the bytes it read of a URL for the rest
   * of its session (measured: an edit exported after a first read did not show until then), so a reader
   * sees a re-exported file in a new session, as a DuckDB CLI user sees it in a new `duckdb` process.
   */
  newSession(): Promise<void>;
  close(): Promise<void>;
}

async function bundle(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-duckdb-'));
  try {
    const result = await build({
      stdin: { contents: ENTRY, resolveDir: path.resolve(__dirname, '../..'), loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    const out = result.outputFiles[0];
    if (!out) throw new Error('esbuild produced no bundle');
    return out.text;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startDuckDbPage(): Promise<DuckDbPage> {
  requireChromium();
  const script = await bundle();
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><script type="module" src="/bundle.mjs"></script>');
    } else if (url === '/bundle.mjs') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(script);
    } else if (/^\/dist\/duckdb-(browser-mvp\.worker\.js|mvp\.wasm)$/.test(url)) {
      const file = path.join(DIST, url.slice('/dist/'.length));
      res.writeHead(200, { 'Content-Type': file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' });
      res.end(readFileSync(file));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page: Page = await browser.newPage();
    const load = async () => {
      await page.goto(`http://127.0.0.1:${address.port}/`);
      await page.waitForFunction(
        () => (window as unknown as { duckdbReady?: boolean }).duckdbReady === true,
        null,
        { timeout: 60_000 },
      );
    };
    await load();
    const run = async (sql: string) =>
      JSON.parse(
        await page.evaluate(
          (q) => (window as unknown as { runQuery(s: string): Promise<string> }).runQuery(q),
          sql,
        ),
      ) as { rows?: Record<string, unknown>[]; error?: string };
    const opened = browser;
    return {
      async query(sql) {
        const out = await run(sql);
        if (out.error !== undefined) throw new Error(`DuckDB refused ${sql.slice(0, 200)}: ${out.error}`);
        return out.rows ?? [];
      },
      async error(sql) {
        const out = await run(sql);
        if (out.error === undefined) throw new Error(`DuckDB ran ${sql.slice(0, 200)} without an error`);
        return out.error;
      },
      newSession: load,
      async close() {
        await opened.close();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  } catch (err) {
    await browser?.close();
    server.close();
    throw err;
  }
}
