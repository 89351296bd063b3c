/** The foot of a small form: its last notice, the primary action (busy while it runs) and Cancel. */
import Button from '@atlaskit/button/new';
import { NoticeMessage, type Notice } from './notice';

export function FormActions(props: {
  notice: Notice | undefined;
  busy: boolean;
  label: string;
  onSubmit: () => Promise<void>;
  onCancel?: () => void;
}) {
  const { onCancel } = props;
  return (
    <>
      <NoticeMessage notice={props.notice} />
      <div className="toolbar">
        <Button
          appearance="primary"
          isLoading={props.busy}
          onClick={() => {
            void props.onSubmit();
          }}
        >
          {props.label}
        </Button>
        {onCancel && (
          <Button appearance="subtle" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </>
  );
}
