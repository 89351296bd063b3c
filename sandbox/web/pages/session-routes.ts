/**
 * `POST /_sandbox/web/acting-user` (the "acting as" switch: remembers the email in a cookie and goes back) and
 * `POST /_sandbox/web/bridge/fetch-product` (a Custom UI's `requestJira`, run as the acting account).
 */
import { z } from 'zod';
import { ACTING_COOKIE, accountsOf } from '../accounts';
import { FetchProductPayloadSchema, fetchProduct } from '../bridge/product-fetch';
import type { WebRoute } from '../http';
import { BadRequestError, localPath, readForm, readJson, redirect, sendJson } from '../http';
import { ACTING_USER_PATH } from '../look/shell';
import { actingOn, type WebContext } from '../web-context';
import { describeError } from '../errors';
import { FETCH_PRODUCT_PATH } from './paths';

const ActingFormSchema = z.strictObject({ email: z.email(), returnTo: z.string().optional() });

export function sessionRoutes(ctx: WebContext): WebRoute[] {
  return [
    {
      method: 'POST',
      pattern: new RegExp(`^${ACTING_USER_PATH}$`),
      handler: (req, res) => {
        const form = readForm(req, ActingFormSchema);
        const known = ctx.host.emulator
          .siteNames()
          .some((site) => accountsOf(ctx.host.emulator, site).some((a) => a.email === form.email));
        if (!known) throw new BadRequestError(`nobody has the email ${form.email}`);
        // `?as=` would override the cookie on the page we go back to; drop it so the switch sticks.
        const back = new URL(localPath(form.returnTo), 'http://sandbox.local');
        back.searchParams.delete('as');
        redirect(res, back.pathname + back.search, {
          'set-cookie': `${ACTING_COOKIE}=${encodeURIComponent(form.email)}; Path=/; SameSite=Lax; HttpOnly`,
        });
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${FETCH_PRODUCT_PATH}$`),
      handler: async (req, res) => {
        const payload = readJson(req, FetchProductPayloadSchema);
        const as = actingOn(ctx, req);
        if (!as) return sendJson(res, 403, { error: { message: 'nobody on the local site can sign in' } });
        try {
          sendJson(res, 200, await fetchProduct(ctx.jira, ctx.localSite, as, payload));
        } catch (err) {
          sendJson(res, 400, { error: { message: describeError(err) } });
        }
      },
    },
  ];
}
