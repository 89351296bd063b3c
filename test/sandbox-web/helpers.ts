/**
 * A host with the real manifest and handlers (src/index.ts) and the web pages mounted, the issue panel and the
 * settings page swapped for fixtures so the tests do not depend on how far the real UIs have come (or on a
 * Vite build). The host import comes first: it installs the platform globals before any @forge package loads.
 */
import { createHost, type SandboxHost } from '../../sandbox/host';
import path from 'node:path';
import { mountWebPages, type WebPagesOptions } from '../../sandbox/web';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const FIXTURE_PANEL = path.join(FIXTURES, 'fixture-panel.tsx');
export const FIXTURE_CUSTOM_UI = path.join(FIXTURES, 'custom-ui');

export async function startWebHost(options: WebPagesOptions = {}): Promise<SandboxHost> {
  const host = await createHost({ queueDelayScale: 0.01 });
  mountWebPages(host, {
    resourceOverrides: { 'issue-panel-ui': FIXTURE_PANEL, 'settings-ui': FIXTURE_CUSTOM_UI },
    ...options,
  });
  return host;
}

export interface Page {
  status: number;
  text: string;
  headers: Headers;
}

export async function get(host: SandboxHost, urlPath: string, cookie?: string): Promise<Page> {
  const res = await fetch(`${host.url}${urlPath}`, {
    redirect: 'manual',
    ...(cookie !== undefined ? { headers: { cookie } } : {}),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** Posts an HTML form (urlencoded), as a browser does; redirects are not followed. */
export async function postForm(
  host: SandboxHost,
  urlPath: string,
  fields: Record<string, string>,
  cookie?: string,
): Promise<Page> {
  const res = await fetch(`${host.url}${urlPath}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie !== undefined ? { cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

export async function postJson(
  host: SandboxHost,
  urlPath: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${host.url}${urlPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/**
 * The page's markup without formatting whitespace (prettier lays out the templates): runs of whitespace become
 * one space and none is left next to `<` or `>`, so assertions do not depend on how a template is indented.
 */
export function flat(html: string): string {
  return html.replace(/\s+/g, ' ').replace(/\s*([<>])\s*/g, '$1');
}

/** The decoded values of an attribute across a page, e.g. every `href`. */
export function attributeValues(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) =>
    (m[1] ?? '')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#96;/g, '`')
      .replace(/&amp;/g, '&'),
  );
}

export function accountId(host: SandboxHost, email: string, site = 'local'): string {
  const user = Object.values(host.emulator.site(site).state.users).find((u) => u.email === email);
  if (!user) throw new Error(`no ${email} on ${site}`);
  return user.accountId;
}

export function issueOn(
  host: SandboxHost,
  site: string,
  key: string,
): { summary: string; labels: string[]; statusId: string } {
  const issue = Object.values(host.emulator.site(site).state.issues).find((i) => i.key === key);
  if (!issue) throw new Error(`no ${key} on ${site}`);
  return issue;
}
