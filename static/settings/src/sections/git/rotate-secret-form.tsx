/**
 * Rotate an integration's secret. The old one keeps working for the grace period, so deliveries signed
 * with it are not lost while someone updates the git server; the new one is shown once by the section.
 */
import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { RotateSecretInputSchema, type GitIntegration } from '../../../../../src/core/devinfo/integration';
import type { AnswerOf } from '../../../../../src/core/schema/resolver-answers';
import { call, fieldOf, messageOf } from '../../api';
import { ErrorText, errorsOf, type FieldErrors } from '../../ui/field-errors';
import { failureNotice, NoticeMessage, type Notice } from '../../ui/notice';

interface Props {
  integration: GitIntegration;
  onRotated: (answer: AnswerOf<'git-integrations/rotate-secret'>) => Promise<void>;
  onClose: () => void;
}

export function RotateSecretForm({ integration, onRotated, onClose }: Props) {
  const [hours, setHours] = useState('24');
  const [errors, setErrors] = useState<FieldErrors>(new Map());
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);
  const id = `grace-hours-${integration.id}`;

  const rotate = async () => {
    const graceHours = hours.trim() === '' ? Number.NaN : Number(hours);
    const checked = RotateSecretInputSchema.safeParse({ integrationId: integration.id, graceHours });
    setErrors(errorsOf(checked));
    if (!checked.success) return;
    setBusy(true);
    setNotice(undefined);
    try {
      await onRotated(await call('git-integrations/rotate-secret', checked.data));
    } catch (err) {
      const field = fieldOf(err);
      if (field !== undefined) setErrors(new Map([[field, messageOf(err)]]));
      setNotice(failureNotice(err, 'Secret not rotated'));
      setBusy(false);
    }
  };

  return (
    <div className="card" role="group" aria-label={`Rotate the secret of ${integration.name}`}>
      <div className="field">
        <label htmlFor={id}>Grace period (hours)</label>
        <Textfield
          id={id}
          type="number"
          min={0}
          max={168}
          width="small"
          value={hours}
          isInvalid={errors.has('graceHours')}
          onChange={(e) => {
            setHours(e.currentTarget.value);
          }}
        />
        <span className="subtlest">
          How long the current secret keeps working, 0 to 168 hours, while you update the git server.
        </span>
        <ErrorText errors={errors} path="graceHours" />
      </div>
      <NoticeMessage notice={notice} />
      <div className="toolbar">
        <Button
          appearance="primary"
          isLoading={busy}
          onClick={() => {
            void rotate();
          }}
        >
          Rotate secret
        </Button>
        <Button appearance="subtle" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
