/**
 * The product side of the bridge for a UI Kit app running in the server: what Jira's frontend answers when the
 * app calls `callBridge(name, payload)`. `invoke` (@forge/bridge out/invoke/invoke.js sends
 * `{ functionKey, payload }`) runs the module's resolver through the host as the viewing account; `getContext`
 * answers the surface context; `fetchProduct` is `requestJira` as that account. Calls that only make sense in
 * a browser product (navigation, modals, history) fail with a message saying so.
 */
import { z } from 'zod';
import type { SandboxHost } from '../../host';
import type { Account } from '../accounts';
import { invokeBody, type SurfaceContext } from '../bridge/forge-context';
import { FetchProductPayloadSchema, fetchProduct } from '../bridge/product-fetch';
import type { JiraClient } from '../jira/jira-client';
import type { BridgeCall } from './uikit-instance';

const InvokePayloadSchema = z.looseObject({
  functionKey: z.string().min(1),
  payload: z.unknown().optional(),
});

/** Calls that need no answer: theming, readiness and analytics signals. */
const ACKNOWLEDGED = new Set([
  'enableTheming',
  'emitReadyEvent',
  'changeWindowTitle',
  'showFlag',
  'closeFlag',
  'emit',
  'emitPublic',
  'trackFeatureFlagEvent',
  'trackObjectStoreAction',
]);

export interface PanelBridgeDeps {
  host: SandboxHost;
  jira: JiraClient;
  localSite: string;
  account: Account;
  context: SurfaceContext;
}

export function panelBridge(deps: PanelBridgeDeps): BridgeCall {
  return async (name, payload) => {
    switch (name) {
      case 'getContext':
        return structuredClone(deps.context);
      case 'invoke': {
        const call = InvokePayloadSchema.parse(payload);
        const reply = await deps.host.invoke(call.functionKey, invokeBody(deps.context, call.payload));
        if (reply.body.ok) return reply.body.result;
        throw new Error(reply.body.error.message);
      }
      case 'fetchProduct':
        return fetchProduct(
          deps.jira,
          deps.localSite,
          deps.account,
          FetchProductPayloadSchema.parse(payload),
        );
      case 'on':
      case 'onPublic':
        // Events from other extensions never arrive in the sandbox; the subscription only needs to unsubscribe.
        return { unsubscribe: () => undefined };
      case 'refresh':
        return true;
      case 'submit':
      case 'close':
        // Not a modal: @forge/bridge turns `false` into "this resource's view is not submittable/closable".
        return false;
      default:
        if (ACKNOWLEDGED.has(name)) return undefined;
        throw new Error(`bridge call '${name}' is not supported by the Tandem sandbox's UI Kit host`);
    }
  };
}
