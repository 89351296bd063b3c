/** An issue with no remote partner yet: create it remotely, or link it to a remote issue that exists. */
import React, { useState } from 'react';
import { Button, Inline, Label, Stack, Text, Textfield } from '@forge/react';
import type { PanelLink } from '../../core/schema/resolver-answers';
import type { RunAction } from './actions';
import { call } from './call';

export function UnlinkedActions({
  link,
  busy,
  run,
}: {
  link: PanelLink;
  busy: boolean;
  run: RunAction;
}): React.JSX.Element {
  const [linking, setLinking] = useState(false);
  const [remoteIssue, setRemoteIssue] = useState('');
  const id = `remote-issue-${link.connectionId}`;
  return (
    <Stack space="space.100">
      <Text>Not linked to an issue in {link.remoteLabel} yet.</Text>
      <Inline space="space.100">
        {link.canCreate && (
          <Button
            appearance="primary"
            isDisabled={busy}
            onClick={() => {
              run(() => call('panel/create-remote', { connectionId: link.connectionId }));
            }}
          >
            Create in remote
          </Button>
        )}
        <Button
          isDisabled={busy}
          onClick={() => {
            setLinking(!linking);
          }}
        >
          Link to an existing remote issue
        </Button>
      </Inline>
      {linking && (
        <Stack space="space.050">
          <Label labelFor={id}>Remote issue key</Label>
          <Inline space="space.100" alignBlock="center">
            <Textfield
              id={id}
              placeholder="PARTNER-12"
              value={remoteIssue}
              onChange={(e) => {
                setRemoteIssue(String(e.target.value));
              }}
            />
            <Button
              isDisabled={busy || remoteIssue.trim() === ''}
              onClick={() => {
                run(() => call('panel/link-existing', { connectionId: link.connectionId, remoteIssue }));
              }}
            >
              Link
            </Button>
          </Inline>
        </Stack>
      )}
    </Stack>
  );
}
