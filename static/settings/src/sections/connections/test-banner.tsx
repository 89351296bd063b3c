/** The outcome of "Test connection": in progress, ready, or the error the remote tracker gave. */
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ConnectionTest } from '../../../../../src/core/schema/resolver-answers';
import { relativeTime } from '../../ui/time';

export function TestBanner({ test }: { test: ConnectionTest }) {
  switch (test.state) {
    case 'never':
      return null;
    case 'in_progress':
      return (
        <SectionMessage appearance="information" title="Testing the connection…">
          <div className="toolbar">
            <Spinner size="small" label="Testing" />
            <span>Reading the remote project with the saved credentials.</span>
          </div>
        </SectionMessage>
      );
    case 'ready':
      return (
        <SectionMessage appearance="success" title="Connection ready">
          <p>
            {test.message} <span className="subtlest">Tested {relativeTime(test.at)}.</span>
          </p>
        </SectionMessage>
      );
    case 'error':
      return (
        <SectionMessage appearance="error" title="The connection test failed">
          <p>{test.message}</p>
        </SectionMessage>
      );
  }
}
