/**
 * One integration: its server, webhook URL, secret and install state, its last deliveries (and, apart,
 * the ones refused before their sender was verified), and the actions an administrator takes on it.
 * Each card loads its own deliveries.
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { ModalTransition } from '@atlaskit/modal-dialog';
import { useState } from 'react';
import type { GitIntegration } from '../../../../../src/core/devinfo/integration';
import type { AnswerOf } from '../../../../../src/core/schema/resolver-answers';
import { call } from '../../api';
import { CopyField } from '../../ui/copy-field';
import { LoadState } from '../../ui/loading';
import { exactTime, relativeTime } from '../../ui/time';
import { useLoad } from '../../ui/use-load';
import { AutoInstallForm } from './auto-install-form';
import { DeleteIntegrationDialog } from './delete-integration-dialog';
import { DeliveriesTable } from './deliveries-table';
import { InstallBanner } from './install-banner';
import { RefusedDeliveriesList } from './refused-deliveries';
import { RotateSecretForm } from './rotate-secret-form';
import { canAutoInstall, SERVER_LABELS } from './server-kinds';

/** Enough to see whether the server is sending, without a long table per card. */
const DELIVERIES_SHOWN = 10;

interface Props {
  integration: GitIntegration;
  onRotated: (answer: AnswerOf<'git-integrations/rotate-secret'>) => Promise<void>;
  onChanged: () => Promise<void>;
  onDeleted: (integration: GitIntegration) => Promise<void>;
}

type Open = 'none' | 'rotate' | 'install' | 'delete';

function installLozenge(integration: GitIntegration) {
  if (!canAutoInstall(integration.server)) return null;
  switch (integration.install?.state) {
    case undefined:
      return <Lozenge>Not auto-installed</Lozenge>;
    case 'in_progress':
      return <Lozenge appearance="inprogress">Installing</Lozenge>;
    case 'ready':
      return <Lozenge appearance="success">Webhook installed</Lozenge>;
    case 'error':
      return <Lozenge appearance="removed">Install failed</Lozenge>;
  }
}

export function IntegrationCard({ integration, onRotated, onChanged, onDeleted }: Props) {
  const [open, setOpen] = useState<Open>('none');
  const [deliveries, reloadDeliveries] = useLoad(
    () => call('git-integrations/deliveries', { integrationId: integration.id, limit: DELIVERIES_SHOWN }),
    // Read again when the record changes: a finished installation or a rotation brings deliveries.
    [integration.id, integration.install?.state, integration.install?.updatedAt, integration.secretRotatedAt],
  );
  const close = () => {
    setOpen('none');
  };
  const previousUntil = integration.previousSecretValidUntil;

  return (
    <section className="card" aria-label={`Git integration ${integration.name}`}>
      <div className="section-head">
        <div className="toolbar">
          <Heading size="small" as="h2">
            {integration.name}
          </Heading>
          <Lozenge appearance="new">{SERVER_LABELS[integration.server]}</Lozenge>
          {installLozenge(integration)}
        </div>
        <div className="toolbar">
          <Button
            onClick={() => {
              setOpen('rotate');
            }}
          >
            Rotate secret
          </Button>
          {canAutoInstall(integration.server) && (
            <Button
              onClick={() => {
                setOpen('install');
              }}
            >
              Install webhook
            </Button>
          )}
          <Button
            appearance="subtle"
            onClick={() => {
              setOpen('delete');
            }}
          >
            Delete
          </Button>
        </div>
      </div>
      <CopyField id={`webhook-url-${integration.id}`} label="Webhook URL" value={integration.webhookUrl} />
      <p className="subtlest">
        <span className="mono">{integration.id}</span> · created {relativeTime(integration.createdAt)}
        {integration.secretRotatedAt !== undefined &&
          ` · secret rotated ${relativeTime(integration.secretRotatedAt)}`}
        {previousUntil !== undefined &&
          Date.parse(previousUntil) > Date.now() &&
          ` · the previous secret works until ${exactTime(previousUntil)}`}
      </p>
      <InstallBanner install={integration.install} />
      {open === 'rotate' && (
        <RotateSecretForm
          integration={integration}
          onRotated={async (answer) => {
            close();
            await onRotated(answer);
          }}
          onClose={close}
        />
      )}
      {open === 'install' && (
        <AutoInstallForm
          integration={integration}
          onStarted={async () => {
            close();
            await onChanged();
          }}
          onClose={close}
        />
      )}
      <div className="section-head">
        <h3 className="group">Last deliveries</h3>
        <Button
          appearance="subtle"
          onClick={() => {
            void reloadDeliveries();
          }}
        >
          Refresh deliveries
        </Button>
      </div>
      {deliveries.state === 'ready' ? (
        <>
          <DeliveriesTable deliveries={deliveries.data.deliveries} />
          <h3 className="group">Refused before verification</h3>
          <RefusedDeliveriesList refused={deliveries.data.refused} />
        </>
      ) : (
        <LoadState loaded={deliveries} what="the deliveries" />
      )}
      <ModalTransition>
        {open === 'delete' && (
          <DeleteIntegrationDialog
            integration={integration}
            onDeleted={async () => {
              close();
              await onDeleted(integration);
            }}
            onClose={close}
          />
        )}
      </ModalTransition>
    </section>
  );
}
