/**
 * Credentials are write-only: the page shows whether each is set, and a password field to replace it.
 * Typed values stay in this form until the connection is saved, then go to secret storage and are cleared.
 */
import Lozenge from '@atlaskit/lozenge';
import Textfield from '@atlaskit/textfield';

interface Props {
  names: string[];
  status: ReadonlyMap<string, 'set' | 'not set'>;
  values: Readonly<Record<string, string>>;
  onChange: (name: string, value: string) => void;
}

const LABELS: Readonly<Record<string, string>> = {
  email: 'Email of the remote account',
  apiToken: 'API token',
  personalAccessToken: 'Personal access token',
  token: 'Access token',
  webhookSecret: 'Webhook secret (optional)',
  previousWebhookSecret: 'Previous webhook secret (during a rotation)',
};

/** Without these, changes still arrive, with the five-minute cycle instead of at once. */
const OPTIONAL = new Set(['webhookSecret', 'previousWebhookSecret']);

export function CredentialFields({ names, status, values, onChange }: Props) {
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
            </div>
            <Textfield
              id={id}
              type={name === 'email' ? 'text' : 'password'}
              autoComplete="off"
              placeholder={
                set ? 'Leave empty to keep the saved value' : OPTIONAL.has(name) ? 'Optional' : 'Required'
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
