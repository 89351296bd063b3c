/**
 * Bulk connect: link the issues both projects already hold (by a field on each side) before the first
 * sync would copy them. It runs in the background; the Activity section shows its progress.
 */
import Heading from '@atlaskit/heading';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { ErrorText } from '../../ui/field-errors';
import { FormActions } from '../../ui/form-actions';
import type { Notice } from '../../ui/notice';
import { useCheckedCall } from '../../ui/use-checked-call';

export function BulkConnect({
  connectionId,
  onQueued,
}: {
  connectionId: string;
  onQueued: (notice: Notice) => void;
}) {
  const [local, setLocal] = useState('summary');
  const [remote, setRemote] = useState('summary');
  const { errors, notice, busy, submit } = useCheckedCall('pairs/bulk-connect', 'Not started');
  const start = () =>
    submit({ connectionId, match: { local, remote } }, () => {
      onQueued({
        appearance: 'success',
        message: 'Linking existing issues has started. Refresh to follow its progress.',
      });
    });

  const field = (side: 'local' | 'remote', label: string, value: string, set: (v: string) => void) => (
    <div className="field">
      <label htmlFor={`match-${side}`}>{label}</label>
      <Textfield
        id={`match-${side}`}
        value={value}
        isInvalid={errors.has(`match.${side}`)}
        onChange={(e) => {
          set(e.currentTarget.value);
        }}
      />
      <ErrorText errors={errors} path={`match.${side}`} />
    </div>
  );

  return (
    <div className="card" role="group" aria-label="Link existing issues">
      <Heading size="small" as="h2">
        Link existing issues
      </Heading>
      <p className="subtle">
        Issues whose fields match are linked instead of copied. A value that matches several issues on either
        side is left alone.
      </p>
      <div className="grid-2">
        {field('local', 'Match field here', local, setLocal)}
        {field('remote', 'Match field on the remote', remote, setRemote)}
      </div>
      <FormActions notice={notice} busy={busy} label="Link matching issues" onSubmit={start} />
    </div>
  );
}
