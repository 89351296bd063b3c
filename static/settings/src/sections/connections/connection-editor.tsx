/**
 * Add or edit one connection. Save validates with the backend's schema first, stores the connection, then
 * any typed credentials; "Test connection" starts the check and polls its state until it is decided.
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Textfield from '@atlaskit/textfield';
import { useEffect, useState } from 'react';
import { ConnectionSchema, type Connection } from '../../../../../src/core/schema/connection';
import type {
  ConnectionTest,
  ConnectionView,
  KindInfo,
} from '../../../../../src/core/schema/resolver-answers';
import { call, fieldOf, messageOf } from '../../api';
import { errorsOf, type FieldErrors } from '../../ui/field-errors';
import { NoticeMessage, type Notice } from '../../ui/notice';
import { ConnectionFields } from './connection-fields';
import { CredentialFields } from './credential-fields';
import { TestBanner } from './test-banner';

interface Props {
  initial: Connection;
  saved: ConnectionView | undefined;
  kinds: KindInfo[];
  /** After a save or delete, with the connection's id. */
  onDone: (id: string) => Promise<void>;
  onClose: () => void;
}

const POLL_MS = 1000;

export function ConnectionEditor({ initial, saved, kinds, onDone, onClose }: Props) {
  const [draft, setDraft] = useState(initial);
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldErrors>(new Map());
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);
  const [test, setTest] = useState<ConnectionTest>(saved?.test ?? { state: 'never' });
  const isNew = saved === undefined;

  const kind = kinds.find((k) => k.kind === draft.remote.kind);
  const names = kind?.credentials[draft.remote.flavor] ?? [];
  const status = new Map((saved?.credentials ?? []).map((c) => [c.name, c.status]));

  // The test runs on the server while the page polls its stored state.
  useEffect(() => {
    if (test.state !== 'in_progress') return;
    const timer = setTimeout(() => {
      call('connections/test-status', { connectionId: draft.id }).then(setTest, () => undefined);
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [test, draft.id]);

  const save = async () => {
    const checked = ConnectionSchema.safeParse(draft);
    setErrors(errorsOf(checked));
    if (!checked.success) return;
    setBusy(true);
    setNotice(undefined);
    try {
      await call('connections/save', { connection: checked.data });
      for (const [name, value] of Object.entries(secrets)) {
        if (value !== '') await call('credentials/set', { connectionId: checked.data.id, name, value });
      }
      setSecrets({});
      setNotice({ appearance: 'success', message: `Saved ${checked.data.name}.` });
      await onDone(checked.data.id);
    } catch (err) {
      const field = fieldOf(err)?.replace(/^connection\./, '');
      if (field !== undefined) setErrors(new Map([[field, messageOf(err)]]));
      setNotice({ appearance: 'error', title: 'Not saved', message: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  const clearCredential = async (name: string) => {
    setNotice(undefined);
    try {
      await call('credentials/clear', { connectionId: draft.id, name });
      setNotice({ appearance: 'success', message: `Cleared ${name}.` });
      await onDone(draft.id);
    } catch (err) {
      setNotice({ appearance: 'error', title: 'Not cleared', message: messageOf(err) });
    }
  };

  const startTest = () => {
    setTest({ state: 'in_progress', startedAt: new Date().toISOString() });
    call('connections/test', { connectionId: draft.id }).then(setTest, (err: unknown) => {
      setTest({ state: 'error', at: new Date().toISOString(), message: messageOf(err) });
    });
  };

  const remove = async () => {
    setBusy(true);
    try {
      await call('connections/delete', { connectionId: draft.id });
      await onDone(draft.id);
      onClose();
    } catch (err) {
      setNotice({ appearance: 'error', message: messageOf(err) });
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-label={isNew ? 'New connection' : `Edit ${initial.name}`}>
      <Heading size="small" as="h2">
        {isNew ? 'New connection' : `Edit ${initial.name}`}
      </Heading>
      <ConnectionFields draft={draft} isNew={isNew} kinds={kinds} errors={errors} onChange={setDraft} />
      <div className="field">
        <h3 className="group">Credentials</h3>
        <span className="subtlest">Stored in Forge secret storage. Tandem never shows them again.</span>
        <CredentialFields
          names={names}
          status={status}
          values={secrets}
          onChange={(name, value) => {
            setSecrets({ ...secrets, [name]: value });
          }}
          onClear={(name) => {
            void clearCredential(name);
          }}
        />
      </div>
      {saved?.webhookUrl && (
        <div className="field">
          <label htmlFor="connection-webhook-url">Webhook URL</label>
          <Textfield id="connection-webhook-url" isReadOnly isMonospaced value={saved.webhookUrl} />
          <span className="subtlest">
            Optional: a webhook on the remote project with this URL and the webhook secret above (issue and
            comment events) brings its changes at once instead of with the five-minute cycle.
          </span>
        </div>
      )}
      <TestBanner test={test} />
      <NoticeMessage notice={notice} />
      <div className="section-head">
        <div className="toolbar">
          <Button
            appearance="primary"
            isLoading={busy}
            onClick={() => {
              void save();
            }}
          >
            Save
          </Button>
          <Button isDisabled={isNew || test.state === 'in_progress'} onClick={startTest}>
            Test connection
          </Button>
          <Button appearance="subtle" onClick={onClose}>
            Close
          </Button>
        </div>
        {!isNew && (
          <Button
            appearance="subtle"
            isDisabled={busy}
            onClick={() => {
              void remove();
            }}
          >
            Delete connection
          </Button>
        )}
      </div>
    </section>
  );
}
