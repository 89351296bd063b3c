/** Where "Install webhook" stands: in progress (the section polls), ready, or the git server's own error. */
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { InstallStatus } from '../../../../../src/core/devinfo/integration';
import { relativeTime } from '../../ui/time';

export function InstallBanner({ install }: { install: InstallStatus | undefined }) {
  if (!install) return null;
  switch (install.state) {
    case 'in_progress':
      return (
        <SectionMessage appearance="information" title={`Installing the webhook on ${install.repository}…`}>
          <div className="toolbar">
            <Spinner size="small" label="Installing" />
            <span>
              Started {relativeTime(install.startedAt)}
              {install.attempts > 0 ? `, ${String(install.attempts)} attempts so far` : ''}.
            </span>
          </div>
        </SectionMessage>
      );
    case 'ready':
      return (
        <SectionMessage appearance="success" title={`Webhook ready on ${install.repository}`}>
          <p>
            {install.created === false ? 'The webhook was already there.' : 'Tandem created the webhook.'}{' '}
            <span className="subtlest">{relativeTime(install.updatedAt)}</span>
          </p>
        </SectionMessage>
      );
    case 'error':
      return (
        <SectionMessage
          appearance="error"
          title={`The webhook could not be installed on ${install.repository}`}
        >
          <p>{install.message ?? 'The git server gave no reason.'}</p>
        </SectionMessage>
      );
  }
}
