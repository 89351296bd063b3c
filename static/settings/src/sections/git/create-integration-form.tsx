/**
 * A new integration: a name and the kind of git server. The backend answers the integration with its
 * secret, which the section shows once; this form keeps nothing of it.
 */
import Heading from '@atlaskit/heading';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { GitServerKind } from '../../../../../src/core/devinfo/integration';
import type { AnswerOf } from '../../../../../src/core/schema/resolver-answers';
import { ErrorText } from '../../ui/field-errors';
import { FormActions } from '../../ui/form-actions';
import { useCheckedCall } from '../../ui/use-checked-call';
import { SERVER_OPTIONS } from './server-kinds';

interface Props {
  onCreated: (answer: AnswerOf<'git-integrations/create'>) => Promise<void>;
  onClose: () => void;
}

export function CreateIntegrationForm({ onCreated, onClose }: Props) {
  const [name, setName] = useState('');
  const [server, setServer] = useState<GitServerKind>('github');
  const { errors, notice, busy, submit } = useCheckedCall('git-integrations/create', 'Not created');
  const create = () => submit({ name, server }, onCreated);

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
      <FormActions notice={notice} busy={busy} label="Create" onSubmit={create} onCancel={onClose} />
    </section>
  );
}
