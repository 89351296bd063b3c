/**
 * A value to paste elsewhere (a webhook URL, a secret) in a read-only field with a Copy button. The
 * clipboard can be refused inside the app's iframe, so the field selects its text for a manual copy then.
 */
import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { useRef, useState } from 'react';

interface Props {
  id: string;
  label: string;
  value: string;
}

export function CopyField({ id, label, value }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'no' | 'yes' | 'select'>('no');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      input.current?.select();
      setCopied('select');
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field">
        <Textfield id={id} ref={input} value={value} isReadOnly isCompact />
        <Button
          onClick={() => {
            void copy();
          }}
        >
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      {copied === 'select' && (
        <span className="subtlest">
          The browser refused the clipboard: the text is selected, press Ctrl+C.
        </span>
      )}
    </div>
  );
}
