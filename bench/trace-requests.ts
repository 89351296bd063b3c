/**
 * `--trace <file>`: every request the emulator serves during the bench, one JSON line each (site, method,
 * path, status, the JQL and page token of searches, how many issues a search returned, and the summary an
 * issue write sends), so a phase's points can be traced to the calls that spent them, and a live edit to
 * the write that carried it. Off by default: at 10,000 issues the file is large.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import type { JiraEmulator } from '../sandbox/jira';
import type { EmulatorRequest } from '../sandbox/jira/types';

function searchOf(req: EmulatorRequest): { jql?: string; nextPageToken?: string } {
  if (!req.path.endsWith('/search/jql')) return {};
  if (typeof req.query.jql === 'string') return { jql: req.query.jql };
  if (!req.body) return {};
  const body = JSON.parse(req.body.toString('utf8')) as { jql?: unknown; nextPageToken?: unknown };
  return {
    ...(typeof body.jql === 'string' ? { jql: body.jql } : {}),
    ...(typeof body.nextPageToken === 'string' ? { nextPageToken: 'yes' } : {}),
  };
}

function issuesReturned(body: Buffer): number | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { issues?: unknown };
    return Array.isArray(parsed.issues) ? parsed.issues.length : undefined;
  } catch {
    return undefined;
  }
}

/** The summary an issue write sends, so a write can be matched to the edit it carries. */
function summaryOf(req: EmulatorRequest): { summary?: string } {
  if (req.method !== 'PUT' || !/\/issue\/[^/]+$/.test(req.path) || !req.body) return {};
  try {
    const body = JSON.parse(req.body.toString('utf8')) as { fields?: { summary?: unknown } };
    return typeof body.fields?.summary === 'string' ? { summary: body.fields.summary } : {};
  } catch {
    return {};
  }
}

export function traceRequests(emulator: JiraEmulator, file: string): void {
  writeFileSync(file, '');
  const handle = emulator.handle.bind(emulator);
  emulator.handle = async (req, identity) => {
    const res = await handle(req, identity);
    const search = searchOf(req);
    const line = {
      t: Date.now(),
      site: req.site,
      method: req.method,
      path: req.path,
      status: res.status,
      ...search,
      ...(search.jql !== undefined ? { returned: issuesReturned(res.body) } : {}),
      ...summaryOf(req),
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    return res;
  };
}
