/**
 * Bulk connect: link the issues both projects already hold (by a field on each side) before the first
 * sync would copy them. It runs in the background; the Activity section shows its progress.
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { call, fieldOf, messageOf } from '../../api';
import type { Notice } from '../../ui/notice';

export function BulkConnect({
  connectionId,
  onQueued,
}: {
  connectionId: string;
  onQueued: (notice: Notice) => void;
}) {
  const [local, setLocal] = useState('summary');
  const [remote, setRemote] = useState('summary');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string; message: string } | undefined>();

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await call('pairs/bulk-connect', { connectionId, match: { local, remote } });
      onQueued({
        appearance: 'success',
        message: 'Linking existing issues has started. Refresh to follow its progress.',
      });
    } catch (err) {
      const field = fieldOf(err);
      setError({ ...(field ? { field } : {}), message: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card" aria-label="Link existing issues">
      <Heading size="small" as="h2">
        Link existing issues
      </Heading>
      <p className="subtle">
        Issues whose fields match are linked instead of copied. A value that matches several issues on either
        side is left alone.
      </p>
      <div className="toolbar">
        <label className="field">
          Field here
          <Textfield
            aria-label="Match field here"
            value={local}
            onChange={(e) => setLocal(e.currentTarget.value)}
          />
        </label>
        <label className="field">
          Field on the remote
          <Textfield
            aria-label="Match field on the remote"
            value={remote}
            onChange={(e) => setRemote(e.currentTarget.value)}
          />
        </label>
        <Button
          appearance="primary"
          isLoading={busy}
          onClick={() => {
            void start();
          }}
        >
          Link matching issues
        </Button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error.field ? `${error.field}: ` : ''}
          {error.message}
        </p>
      )}
    </div>
  );
}
