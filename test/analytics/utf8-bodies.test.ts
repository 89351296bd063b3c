/**
 * Why the export's serving rests on an assumption: when a web trigger's body string is written as UTF-8 (the
 * sandbox's default; Forge documents no encoding for it), a Parquet file does not arrive as the bytes that
 * were stored. Every byte from 0x80 up becomes two, so the SHA-256 the manifest lists does not match and no
 * Parquet reader can open the file, and the export's wire-check.bin shows it with one hash. Forge documents
 * no binary-safe body (src/entry/webtriggers/webtrigger-http.ts `byteBody` cites what it does document), so
 * this pins what must be checked on a deployed app.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ExportFileSchema } from '../../src/core/analytics/export-manifest';
import { ok } from '../resolvers/harness';
import { startWorld } from '../sandbox-sync/world';

it('a body written as UTF-8 is not the file the manifest describes', async () => {
  const w = await startWorld();
  try {
    await ok(w, 'analytics/set-enabled', { enabled: true });
    await w.settle();
    const url = (await ok(w, 'analytics/get', {})).url ?? '';
    const manifest = z
      .looseObject({ files: z.array(ExportFileSchema) })
      .parse(await (await fetch(`${url}/manifest.json`)).json());
    const file = manifest.files.find((f) => f.table === 'issues');
    if (!file) throw new Error('no issues file');
    const got = Buffer.from(await (await fetch(`${url}/${file.path}`)).arrayBuffer());
    expect(got.byteLength).toBe(file.bytes);
    expect(createHash('sha256').update(got).digest('hex')).not.toBe(file.sha256);
    // What an admin's `curl -s <url>/wire-check.bin | sha256sum` shows on such a platform: not the manifest's
    // hash, so the export says it cannot be trusted there before any query does.
    const wire = z
      .looseObject({ wireCheck: z.looseObject({ path: z.string(), sha256: z.string() }) })
      .parse(await (await fetch(`${url}/manifest.json`)).json()).wireCheck;
    const probe = Buffer.from(await (await fetch(`${url}/${wire.path}`)).arrayBuffer());
    expect(createHash('sha256').update(probe).digest('hex')).not.toBe(wire.sha256);
    // The manifest, ASCII by construction, reads the same either way.
    expect(manifest.files.length).toBeGreaterThan(0);
  } finally {
    await w.close();
  }
}, 60_000);
