/** A placeholder `GET /` that lists what the sandbox serves, until the browser views replace it. */
import { sendText, type RouteHandler } from './http-types';

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function homePage(info: () => { sites: { name: string; url: string }[] }): RouteHandler {
  return (req, res) => {
    if (req.method !== 'GET' || req.url.pathname !== '/') return false;
    const api = ['health', 'demo', 'requests', 'invocations', 'faults', 'webtriggers'];
    const links = (items: { href: string; text: string }[]): string =>
      items.map((i) => `<li><a href="${escapeHtml(i.href)}">${escapeHtml(i.text)}</a></li>`).join('');
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tandem sandbox</title></head>
<body>
<h1>Tandem sandbox</h1>
<p>A local Forge host running Tandem against emulated Jira sites.</p>
<h2>Control API</h2>
<ul>${links(api.map((name) => ({ href: `/_sandbox/api/${name}`, text: `/_sandbox/api/${name}` })))}</ul>
<h2>Jira sites</h2>
<ul>${links(info().sites.map((s) => ({ href: `${s.url}/rest/api/3/serverInfo`, text: `${s.name}: ${s.url}` })))}</ul>
</body></html>`;
    sendText(res, 200, 'text/html; charset=utf-8', html);
    return true;
  };
}
