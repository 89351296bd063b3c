/**
 * A new secret, shown once after create or rotate. It lives only in the section's state until the admin
 * dismisses it or leaves the page; it is never logged and never fetched again (no resolver can).
 */
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { AnswerOf } from '../../../../../src/core/schema/resolver-answers';
import { CopyField } from '../../ui/copy-field';

export interface ShownSecret {
  why: 'created' | 'rotated';
  answer: AnswerOf<'git-integrations/create'>;
}

export function SecretOnce({ shown, onDismiss }: { shown: ShownSecret; onDismiss: () => void }) {
  const { integration, secret, secretHeader } = shown.answer;
  const title =
    shown.why === 'created'
      ? `${integration.name} created: copy its secret now`
      : `New secret for ${integration.name}: copy it now`;
  return (
    <SectionMessage appearance="warning" title={title}>
      <div className="field">
        <p>
          This secret will not be shown again. Give the git server the webhook URL and this secret (it goes in{' '}
          <span className="mono">{secretHeader}</span>).
          {shown.why === 'rotated' && integration.previousSecretValidUntil !== undefined && (
            <>
              {' '}
              The old secret keeps working until{' '}
              {new Date(integration.previousSecretValidUntil).toLocaleString('en-GB')}.
            </>
          )}
        </p>
        <CopyField id={`secret-${integration.id}`} label="Secret" value={secret} />
        <CopyField id={`secret-url-${integration.id}`} label="Webhook URL" value={integration.webhookUrl} />
        <div className="toolbar">
          <Button appearance="primary" onClick={onDismiss}>
            I have copied the secret
          </Button>
        </div>
      </div>
    </SectionMessage>
  );
}
