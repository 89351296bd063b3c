/**
 * Install the integration's webhook on a GitHub or GitLab repository with a token the admin types. The
 * token goes to the resolver once (which deletes it when the installation ends) and is cleared here at
 * once; the section then shows the install banner and polls while it is in progress.
 */
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { GitIntegration } from '../../../../../src/core/devinfo/integration';
import { ErrorText } from '../../ui/field-errors';
import { FormActions } from '../../ui/form-actions';
import { useCheckedCall } from '../../ui/use-checked-call';

interface Props {
  integration: GitIntegration;
  onStarted: () => Promise<void>;
  onClose: () => void;
}

const HINTS = {
  github: {
    repository: 'owner/repository',
    token: 'A token that may administer the repository’s webhooks (admin:repo_hook).',
    api: 'https://api.github.com',
  },
  gitlab: {
    repository: 'group/project, or the project’s numeric id',
    token: 'A token with the api scope and Maintainer role on the project.',
    api: 'https://gitlab.com/api/v4',
  },
} as const;

export function AutoInstallForm({ integration, onStarted, onClose }: Props) {
  const [repository, setRepository] = useState(integration.install?.repository ?? '');
  const [token, setToken] = useState('');
  const [apiBaseUrl, setApiBaseUrl] = useState('');
  const { errors, notice, busy, submit } = useCheckedCall(
    'git-integrations/auto-install',
    'Installation not started',
  );
  const hint = integration.server === 'gitlab' ? HINTS.gitlab : HINTS.github;
  const id = (what: string) => `install-${what}-${integration.id}`;

  const start = () =>
    submit(
      {
        integrationId: integration.id,
        repository,
        token,
        ...(apiBaseUrl.trim() !== '' ? { apiBaseUrl: apiBaseUrl.trim() } : {}),
      },
      async () => {
        setToken(''); // the token is not kept once the resolver has it
        await onStarted();
      },
    );

  const text = (what: string, label: string, value: string, set: (v: string) => void, helper: string) => (
    <div className="field">
      <label htmlFor={id(what)}>{label}</label>
      <Textfield
        id={id(what)}
        value={value}
        autoComplete="off"
        {...(what === 'token' ? { type: 'password' } : {})}
        {...(what === 'apiBaseUrl' ? { placeholder: hint.api } : {})}
        isInvalid={errors.has(what)}
        onChange={(e) => {
          set(e.currentTarget.value);
        }}
      />
      <span className="subtlest">{helper}</span>
      <ErrorText errors={errors} path={what} />
    </div>
  );

  return (
    <div className="card" role="group" aria-label={`Install the webhook of ${integration.name}`}>
      <div className="grid-2">
        {text('repository', 'Repository', repository, setRepository, hint.repository)}
        {text('token', 'Access token', token, setToken, `${hint.token} Used for this installation only.`)}
        {text('apiBaseUrl', 'API URL (optional)', apiBaseUrl, setApiBaseUrl, `Default ${hint.api}.`)}
      </div>
      <FormActions notice={notice} busy={busy} label="Install webhook" onSubmit={start} onCancel={onClose} />
    </div>
  );
}
