/** Jira's "can't find" page, in the frame, with a 404 status. */
import type { ServerResponse } from 'node:http';
import type { HttpRequest } from '../../host';
import { html } from '../html';
import { sendHtml } from '../http';
import { sectionMessage } from '../look/components';
import { framed, type WebContext } from '../web-context';

export function notFound(ctx: WebContext, req: HttpRequest, res: ServerResponse, message: string): void {
  const body = html`<h1 class="page-title">We can't find that</h1>
    ${sectionMessage(
      'warning',
      undefined,
      html`<p>${message}</p>
        <p><a href="/">Back to your work</a></p>`,
    )}`;
  sendHtml(res, 404, framed(ctx, req, { title: 'Not found', wide: true, body }));
}
