/** "Delete integration?": says what goes with it (its URL, and the development information it sent). */
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { useState } from 'react';
import type { GitIntegration } from '../../../../../src/core/devinfo/integration';
import { call } from '../../api';
import { failureNotice, NoticeMessage, type Notice } from '../../ui/notice';

interface Props {
  integration: GitIntegration;
  onDeleted: () => Promise<void>;
  onClose: () => void;
}

export function DeleteIntegrationDialog({ integration, onDeleted, onClose }: Props) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();
  const remove = async () => {
    setBusy(true);
    try {
      await call('git-integrations/delete', { integrationId: integration.id });
      await onDeleted();
    } catch (err) {
      setNotice(failureNotice(err, 'Not deleted'));
      setBusy(false);
    }
  };
  return (
    <Modal onClose={onClose}>
      <ModalHeader>
        <ModalTitle appearance="danger">Delete {integration.name}?</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <div className="field">
          <p>
            Its webhook URL stops working at once, and the commits, branches and pull requests it sent are
            removed from every project’s issues. This cannot be undone.
          </p>
          <NoticeMessage notice={notice} />
        </div>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          Cancel
        </Button>
        <Button
          appearance="danger"
          isLoading={busy}
          onClick={() => {
            void remove();
          }}
        >
          Delete
        </Button>
      </ModalFooter>
    </Modal>
  );
}
