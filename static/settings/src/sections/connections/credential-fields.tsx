/**
 * Credentials are write-only: the page shows whether each is set, and a password field to replace it.
 * Typed values stay in this form until the connection is saved, then go to secret storage and are cleared.
 */
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Textfield from '@atlaskit/textfield';
import { OPTIONAL_CREDENTIALS } from '../../../../../src/core/schema/credentials';

interface Props {
  names: string[];
  status: ReadonlyMap<string, 'set' | 'not set'>;
  values: Readonly<Record<string, string>>;
  onChange: (name: string, value: string) => void;
  /** Removes a saved optional credential (a previous webhook secret once the rotation is done). */
  onClear: (name: string) => void;
}

const LABELS: Readonly<Record<string, string>> = {
  email: 'Email of the remote account',
  apiToken: 'API token',
  personalAccessToken: 'Personal access token',
  token: 'Access token',
  webhookSecret: 'Webhook secret (optional)',
  previousWebhookSecret: 'Previous webhook secret (during a rotation)',
};

export function CredentialFields({ names, status, values, onChange, onClear }: Props) {
  return (
    <div className="grid-2">
      {names.map((name) => {
        const set = status.get(name) === 'set';
        const id = `credential-${name}`;
        return (
          <div className="field" key={name}>
            <div className="toolbar">
              <label htmlFor={id}>{LABELS[name] ?? name}</label>
              <Lozenge appearance={set ? 'success' : 'default'}>{set ? 'Set' : 'Not set'}</Lozenge>
              {set && OPTIONAL_CREDENTIALS.has(name) && (
                <Button
                  appearance="subtle"
                  spacing="compact"
                  onClick={() => {
                    onClear(name);
                  }}
                >
                  Clear
                </Button>
              )}
            </div>
            <Textfield
              id={id}
              type={name === 'email' ? 'text' : 'password'}
              autoComplete="off"
              placeholder={
                set
                  ? 'Leave empty to keep the saved value'
                  : OPTIONAL_CREDENTIALS.has(name)
                    ? 'Optional'
                    : 'Required'
              }
              value={values[name] ?? ''}
              onChange={(e) => {
                onChange(name, e.currentTarget.value);
              }}
            />
          </div>
        );
      })}
    </div>
  );
}
