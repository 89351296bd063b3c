/**
 * A new integration: a name and the kind of git server. The backend answers the integration with its
 * secret, which the section shows once; this form keeps nothing of it.
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import {
  CreateIntegrationInputSchema,
  type GitServerKind,
} from '../../../../../src/core/devinfo/integration';
import type { AnswerOf } from '../../../../../src/core/schema/resolver-answers';
import { call, fieldOf, messageOf } from '../../api';
import { ErrorText, errorsOf, type FieldErrors } from '../../ui/field-errors';
import { failureNotice, NoticeMessage, type Notice } from '../../ui/notice';
import { SERVER_OPTIONS } from './server-kinds';

interface Props {
  onCreated: (answer: AnswerOf<'git-integrations/create'>) => Promise<void>;
  onClose: () => void;
}

export function CreateIntegrationForm({ onCreated, onClose }: Props) {
  const [name, setName] = useState('');
  const [server, setServer] = useState<GitServerKind>('github');
  const [errors, setErrors] = useState<FieldErrors>(new Map());
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);

  const create = async () => {
    const checked = CreateIntegrationInputSchema.safeParse({ name, server });
    setErrors(errorsOf(checked));
    if (!checked.success) return;
    setBusy(true);
    setNotice(undefined);
    try {
      await onCreated(await call('git-integrations/create', checked.data));
    } catch (err) {
      const field = fieldOf(err);
      if (field !== undefined) setErrors(new Map([[field, messageOf(err)]]));
      setNotice(failureNotice(err, 'Not created'));
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-label="New git integration">
      <Heading size="small" as="h2">
        New git integration
      </Heading>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="git-integration-name">Name</label>
          <Textfield
            id="git-integration-name"
            value={name}
            isInvalid={errors.has('name')}
            onChange={(e) => {
              setName(e.currentTarget.value);
            }}
          />
          <span className="subtlest">For you: the organisation or the repositories it stands for.</span>
          <ErrorText errors={errors} path="name" />
        </div>
        <div className="field">
          <label htmlFor="git-integration-server">Git server</label>
          <Select
            inputId="git-integration-server"
            options={SERVER_OPTIONS}
            value={SERVER_OPTIONS.find((o) => o.value === server) ?? null}
            onChange={(o) => {
              if (o) setServer(o.value);
            }}
          />
          <ErrorText errors={errors} path="server" />
        </div>
      </div>
      <NoticeMessage notice={notice} />
      <div className="toolbar">
        <Button
          appearance="primary"
          isLoading={busy}
          onClick={() => {
            void create();
          }}
        >
          Create
        </Button>
        <Button appearance="subtle" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </section>
  );
}
