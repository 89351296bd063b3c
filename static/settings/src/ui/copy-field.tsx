/**
 * A value to paste elsewhere (a webhook URL, a secret) in a read-only field with a Copy button. The
 * clipboard can be refused inside the app's iframe, so the field selects its text for a manual copy then.
 * A multi-line value (an SQL snippet) needs a text area: a text input drops line breaks from its value, so
 * a selected `-- comment` line would swallow the statements after it.
 */
import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useRef, useState } from 'react';

interface Props {
  id: string;
  label: string;
  value: string;
  multiline?: boolean;
}

export function CopyField({ id, label, value, multiline = false }: Props) {
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
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
        {multiline ? (
          <TextArea
            id={id}
            ref={input}
            value={value}
            isReadOnly
            isMonospaced
            resize="vertical"
            minimumRows={4}
          />
        ) : (
          <Textfield id={id} ref={input} value={value} isReadOnly isCompact />
        )}
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
