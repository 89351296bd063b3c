/**
 * Rotate an integration's secret. The old one keeps working for the grace period, so deliveries signed
 * with it are not lost while someone updates the git server; the new one is shown once by the section.
 */
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { GitIntegration } from '../../../../../src/core/devinfo/integration';
import type { AnswerOf } from '../../../../../src/core/schema/resolver-answers';
import { ErrorText } from '../../ui/field-errors';
import { FormActions } from '../../ui/form-actions';
import { useCheckedCall } from '../../ui/use-checked-call';

interface Props {
  integration: GitIntegration;
  onRotated: (answer: AnswerOf<'git-integrations/rotate-secret'>) => Promise<void>;
  onClose: () => void;
}

export function RotateSecretForm({ integration, onRotated, onClose }: Props) {
  const [hours, setHours] = useState('24');
  const { errors, notice, busy, submit } = useCheckedCall(
    'git-integrations/rotate-secret',
    'Secret not rotated',
  );
  const id = `grace-hours-${integration.id}`;

  const rotate = async () => {
    const graceHours = hours.trim() === '' ? Number.NaN : Number(hours);
    await submit({ integrationId: integration.id, graceHours }, onRotated);
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
      <FormActions notice={notice} busy={busy} label="Rotate secret" onSubmit={rotate} onCancel={onClose} />
    </div>
  );
}
