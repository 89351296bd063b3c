/**
 * The JSON document a verified webhook delivery carries. GitHub's default content type for a webhook made
 * by hand is `application/x-www-form-urlencoded`, "the JSON payload as a form parameter called `payload`"
 * (https://docs.github.com/en/webhooks/using-webhooks/creating-webhooks). GitHub's signature covers the
 * raw form bytes, so this is read only after the secret was checked over them.
 */

/** `json` is the document's text: the whole body, or a form body's `payload` field. */
export type WebhookJson =
  | { ok: true; value: unknown; json: string }
  | { ok: false; status: 400; reason: string };

const FORM = 'application/x-www-form-urlencoded';

function parseJson(text: string, what: string): WebhookJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown, json: text };
  } catch (err) {
    return {
      ok: false,
      status: 400,
      reason: `${what} is not JSON: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

export function readWebhookJson(contentType: string | undefined, rawBody: string): WebhookJson {
  const mediaType = (contentType?.split(';')[0] ?? '').trim().toLowerCase();
  if (mediaType !== FORM) return parseJson(rawBody, 'body');
  const payload = new URLSearchParams(rawBody).get('payload');
  if (payload === null)
    return { ok: false, status: 400, reason: `a ${FORM} body needs a payload field holding the JSON` };
  return parseJson(payload, 'the payload field');
}
