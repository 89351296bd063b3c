/**
 * Rotate the secret in the export's URL. The old URL keeps working for the grace period, so a dashboard
 * that reads it does not break before its owner pastes the new one.
 */
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { AnalyticsView } from '../../../../../src/core/analytics/export-view';
import { ErrorText } from '../../ui/field-errors';
import { FormActions } from '../../ui/form-actions';
import { useCheckedCall } from '../../ui/use-checked-call';

interface Props {
  onRotated: (view: AnalyticsView) => Promise<void>;
  onClose: () => void;
}

export function RotateExportSecretForm({ onRotated, onClose }: Props) {
  const [hours, setHours] = useState('24');
  const { errors, notice, busy, submit } = useCheckedCall('analytics/rotate-secret', 'Secret not rotated');

  const rotate = async () => {
    const graceHours = hours.trim() === '' ? Number.NaN : Number(hours);
    await submit({ graceHours }, onRotated);
  };

  return (
    <div className="card" role="group" aria-label="Rotate the export's secret">
      <div className="field">
        <label htmlFor="analytics-grace-hours">Grace period (hours)</label>
        <Textfield
          id="analytics-grace-hours"
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
          How long the current URL keeps working, 0 to 168 hours, while readers switch to the new one.
        </span>
        <ErrorText errors={errors} path="graceHours" />
      </div>
      <FormActions notice={notice} busy={busy} label="Rotate secret" onSubmit={rotate} onCancel={onClose} />
    </div>
  );
}
