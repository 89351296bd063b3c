/**
 * Dedupe by delivery id: the first delivery of an id writes its claim (FAIL_IF_EXISTS, atomic in KVS);
 * a redelivery finds it and is refused. Claims expire after a week, longer than any server retries.
 */
import { kvs } from '@forge/kvs';
import { createHash } from 'node:crypto';
import { keys } from '../kvs/keys';
import { isKeyConflict } from '../kvs/storage-error';

const CLAIM_TTL_DAYS = 7;
const MAX_ID_IN_KEY = 200;

/** Ids longer than a key part can hold are hashed; they stay distinct. */
const idPart = (deliveryId: string): string =>
  deliveryId.length <= MAX_ID_IN_KEY
    ? deliveryId
    : `sha256-${createHash('sha256').update(deliveryId).digest('hex')}`;

export async function claimDelivery(
  integrationId: string,
  deliveryId: string,
  receivedAt: string,
): Promise<'new' | 'duplicate'> {
  try {
    await kvs.set(
      keys.gitDeliveryClaim(integrationId, idPart(deliveryId)),
      { receivedAt },
      { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: CLAIM_TTL_DAYS, unit: 'DAYS' } },
    );
    return 'new';
  } catch (err) {
    if (isKeyConflict(err)) return 'duplicate';
    throw err;
  }
}

/** When the delivery could not be stored, its claim goes, so the server's retry is accepted. */
export async function releaseClaim(integrationId: string, deliveryId: string): Promise<void> {
  await kvs.delete(keys.gitDeliveryClaim(integrationId, idPart(deliveryId)));
}
