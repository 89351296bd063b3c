/**
 * Git integrations: the site's git servers, each with its webhook URL, secret, install state and last
 * deliveries. Integrations are site-wide (one repository's commits name issues of any project), so the
 * list is the same on every project's page, and changing it needs Jira administrator rights; the
 * server checks that, and the page shows its refusal.
 */
import Button from '@atlaskit/button/new';
import { useEffect, useState } from 'react';
import type { GitIntegration } from '../../../../../src/core/devinfo/integration';
import { call } from '../../api';
import { LoadState } from '../../ui/loading';
import { NoticeMessage, type Notice } from '../../ui/notice';
import { useLoad } from '../../ui/use-load';
import { CreateIntegrationForm } from './create-integration-form';
import { IntegrationCard } from './integration-card';
import { SecretOnce, type ShownSecret } from './secret-once';

/** How often the list is read again while a webhook installation is in progress. */
const INSTALL_POLL_MS = 1500;

export function GitIntegrationsSection({ projectKey }: { projectKey: string }) {
  const [list, reload] = useLoad(() => call('git-integrations/list', {}), []);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<ShownSecret | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();

  const installing =
    list.state === 'ready' && list.data.integrations.some((i) => i.install?.state === 'in_progress');
  useEffect(() => {
    if (!installing) return;
    const timer = setTimeout(() => {
      void reload();
    }, INSTALL_POLL_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [installing, list, reload]);

  const deleted = async (integration: GitIntegration) => {
    if (shown?.answer.integration.id === integration.id) setShown(undefined);
    setNotice({ appearance: 'success', message: `Deleted ${integration.name}.` });
    await reload();
  };

  return (
    <section className="section" aria-label="Git integrations">
      <div className="section-head">
        <p>
          Commits, branches and pull requests that name an issue key show on the issue, in {projectKey} and in
          every other project of this site. Each git server sends its webhooks to its own URL, signed with its
          own secret.
        </p>
        <Button
          appearance="primary"
          onClick={() => {
            setCreating(true);
            setNotice(undefined);
          }}
        >
          Add git integration
        </Button>
      </div>
      {shown && (
        <SecretOnce
          shown={shown}
          onDismiss={() => {
            setShown(undefined);
          }}
        />
      )}
      <NoticeMessage notice={notice} />
      {creating && (
        <CreateIntegrationForm
          onCreated={async (answer) => {
            setCreating(false);
            setShown({ why: 'created', answer });
            await reload();
          }}
          onClose={() => {
            setCreating(false);
          }}
        />
      )}
      {list.state !== 'ready' ? (
        <LoadState loaded={list} what="the git integrations" />
      ) : list.data.integrations.length === 0 ? (
        <div className="empty">No git integration yet. Add one to see development information on issues.</div>
      ) : (
        list.data.integrations.map((integration) => (
          <IntegrationCard
            key={integration.id}
            integration={integration}
            onRotated={async (answer) => {
              setShown({ why: 'rotated', answer });
              setNotice(undefined);
              await reload();
            }}
            onChanged={reload}
            onDeleted={deleted}
          />
        ))
      )}
    </section>
  );
}
