/**
 * Install the integration's webhook on a GitHub or GitLab repository with a token the admin types. The
 * token goes to the resolver once (which deletes it when the installation ends) and is cleared here at
 * once; the section then shows the install banner and polls while it is in progress.
 */
import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { AutoInstallInputSchema, type GitIntegration } from '../../../../../src/core/devinfo/integration';
import { call, fieldOf, messageOf } from '../../api';
import { ErrorText, errorsOf, type FieldErrors } from '../../ui/field-errors';
import { failureNotice, NoticeMessage, type Notice } from '../../ui/notice';

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
  const [errors, setErrors] = useState<FieldErrors>(new Map());
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);
  const hint = integration.server === 'gitlab' ? HINTS.gitlab : HINTS.github;
  const id = (what: string) => `install-${what}-${integration.id}`;

  const start = async () => {
    const checked = AutoInstallInputSchema.safeParse({
      integrationId: integration.id,
      repository,
      token,
      ...(apiBaseUrl.trim() !== '' ? { apiBaseUrl: apiBaseUrl.trim() } : {}),
    });
    setErrors(errorsOf(checked));
    if (!checked.success) return;
    setBusy(true);
    setNotice(undefined);
    try {
      await call('git-integrations/auto-install', checked.data);
      setToken('');
      await onStarted();
    } catch (err) {
      const field = fieldOf(err);
      if (field !== undefined) setErrors(new Map([[field, messageOf(err)]]));
      setNotice(failureNotice(err, 'Installation not started'));
      setBusy(false);
    }
  };

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
      <NoticeMessage notice={notice} />
      <div className="toolbar">
        <Button
          appearance="primary"
          isLoading={busy}
          onClick={() => {
            void start();
          }}
        >
          Install webhook
        </Button>
        <Button appearance="subtle" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
