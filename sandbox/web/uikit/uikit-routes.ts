/**
 * `POST /_sandbox/web/uikit/<id>/events` calls the handler a person clicked and answers the re-rendered panel;
 * `GET /_sandbox/web/uikit/<id>/render` answers the current rendering once the app has settled (or after a while,
 * with `settled: false`). 404 means the instance is gone and the page should be reloaded.
 */
import { z } from 'zod';
import type { WebRoute } from '../http';
import { readJson, sendJson } from '../http';
import type { WebContext } from '../web-context';
import { renderInstance, renderingJson } from './panel-html';

/** How long a click waits for the app (its resolver calls) before answering with what it has. */
const EVENT_SETTLE_MS = 10_000;
const POLL_SETTLE_MS = 5_000;

const EventBodySchema = z.strictObject({
  handler: z.string().min(1),
  event: z.enum(['onClick', 'onChange']).default('onClick'),
  /** A field's value for `onChange`. */
  value: z.string().max(100_000).optional(),
});

/**
 * What the app's handler receives. ADS passes React events; apps read `event.target.value` from fields and
 * nothing from clicks. A DOM event cannot cross over, so a plain object with those members stands in.
 */
function handlerArgs(body: z.infer<typeof EventBodySchema>): unknown[] {
  if (body.event === 'onChange') {
    const target = { value: body.value ?? '' };
    return [{ type: 'change', target, currentTarget: target }];
  }
  return [{ type: 'click' }];
}

export function uiKitRoutes(ctx: WebContext): WebRoute[] {
  return [
    {
      method: 'POST',
      pattern: /^\/_sandbox\/web\/uikit\/([0-9a-f-]+)\/events$/,
      handler: async (req, res, [id = '']) => {
        const instance = ctx.uiKit.get(id);
        if (!instance)
          return sendJson(res, 404, { error: 'this panel is no longer running; reload the page' });
        const body = readJson(req, EventBodySchema);
        const found = await instance.fire(body.handler, handlerArgs(body));
        const settled = await instance.settle(EVENT_SETTLE_MS);
        sendJson(res, found ? 200 : 409, {
          ...renderingJson(renderInstance(instance, settled)),
          ...(found
            ? {}
            : { error: 'that control has changed since the page was drawn; here is the current panel' }),
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/_sandbox\/web\/uikit\/([0-9a-f-]+)\/render$/,
      handler: async (_req, res, [id = '']) => {
        const instance = ctx.uiKit.get(id);
        if (!instance)
          return sendJson(res, 404, { error: 'this panel is no longer running; reload the page' });
        const settled = await instance.settle(POLL_SETTLE_MS);
        sendJson(res, 200, renderingJson(renderInstance(instance, settled)));
      },
    },
  ];
}
