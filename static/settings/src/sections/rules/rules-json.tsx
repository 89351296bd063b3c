/** Import and export of a connection's rules as JSON, validated with the same schema before it is used. */
import Button from '@atlaskit/button/new';
import Modal, {
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
} from '@atlaskit/modal-dialog';
import TextArea from '@atlaskit/textarea';
import { useState } from 'react';
import { JsonSchema, RuleListSchema } from '../../../../../src/core/schema/rules';
import type { RuleDraft } from './rule-kinds';

type Mode =
  | { mode: 'closed' }
  | { mode: 'export' }
  | { mode: 'import'; text: string; error: string | undefined };

function parse(text: string): { rules: RuleDraft[] } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'This is not valid JSON.' };
  }
  const rules = RuleListSchema.safeParse(json);
  if (!rules.success) {
    const first = rules.error.issues[0];
    return {
      error: first
        ? `Rule ${first.path.map(String).join('.')}: ${first.message}`
        : 'These rules are not valid.',
    };
  }
  const drafts = JsonSchema.array().safeParse(rules.data);
  const out: RuleDraft[] = [];
  for (const d of drafts.success ? drafts.data : [])
    if (typeof d === 'object' && d !== null && !Array.isArray(d)) out.push(d);
  return { rules: out };
}

export function RulesJson({
  rules,
  onImport,
}: {
  rules: RuleDraft[];
  onImport: (rules: RuleDraft[]) => void;
}) {
  const [mode, setMode] = useState<Mode>({ mode: 'closed' });
  const close = () => {
    setMode({ mode: 'closed' });
  };
  const exported = JSON.stringify(rules, null, 2);
  return (
    <>
      <Button
        onClick={() => {
          setMode({ mode: 'import', text: '', error: undefined });
        }}
      >
        Import JSON
      </Button>
      <Button
        onClick={() => {
          setMode({ mode: 'export' });
        }}
      >
        Export JSON
      </Button>
      <ModalTransition>
        {mode.mode !== 'closed' && (
          <Modal onClose={close} width="large">
            <ModalHeader>
              <ModalTitle>{mode.mode === 'export' ? 'Export rules' : 'Import rules'}</ModalTitle>
            </ModalHeader>
            <ModalBody>
              {mode.mode === 'export' ? (
                <TextArea
                  aria-label="Rules as JSON"
                  isReadOnly
                  isMonospaced
                  minimumRows={14}
                  value={exported}
                />
              ) : (
                <>
                  <p className="subtle">
                    Paste rules exported from another connection. They replace the rules in the table until
                    you save.
                  </p>
                  <TextArea
                    aria-label="Rules to import"
                    isMonospaced
                    minimumRows={14}
                    value={mode.text}
                    isInvalid={mode.error !== undefined}
                    onChange={(e) => {
                      setMode({ mode: 'import', text: e.currentTarget.value, error: undefined });
                    }}
                  />
                  {mode.error !== undefined && (
                    <div className="error-text" role="alert">
                      {mode.error}
                    </div>
                  )}
                </>
              )}
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={close}>
                Close
              </Button>
              {mode.mode === 'export' ? (
                <Button
                  appearance="primary"
                  onClick={() => {
                    void navigator.clipboard.writeText(exported).then(close, close);
                  }}
                >
                  Copy
                </Button>
              ) : (
                <Button
                  appearance="primary"
                  onClick={() => {
                    const result = parse(mode.text);
                    if ('error' in result) setMode({ ...mode, error: result.error });
                    else {
                      onImport(result.rules);
                      close();
                    }
                  }}
                >
                  Import
                </Button>
              )}
            </ModalFooter>
          </Modal>
        )}
      </ModalTransition>
    </>
  );
}
