/**
 * zod's global settings, in a module main.tsx imports first: zod reads them when each object schema is
 * built, and the shared schemas (src/core/schema) are built as their modules load.
 * - English messages: zod sets them as a module side effect, and its package declares `sideEffects: false`,
 *   so Vite drops that call and every message the page shows would read "Invalid input".
 * - `jitless`: otherwise zod probes `new Function("")` to decide whether it may compile fast parsers, and
 *   Forge's content security policy for Custom UI has no 'unsafe-eval', so the probe is a CSP violation.
 *   The parsers zod falls back to give the same answers.
 */
import { z } from 'zod';

z.config(z.locales.en());
z.config({ jitless: true });
