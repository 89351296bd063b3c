/** One manual conflict: both values and a button for each choice. */
import React from 'react';
import { Button, Inline, SectionMessage, Stack, Text } from '@forge/react';
import type { PanelLink } from '../../core/schema/resolver-answers';
import type { RunAction } from './actions';
import { call } from './call';

interface Props {
  link: PanelLink;
  conflict: PanelLink['conflicts'][number];
  issueKey: string;
  busy: boolean;
  run: RunAction;
}

export function ConflictMessage({ link, conflict, issueKey, busy, run }: Props): React.JSX.Element {
  const remoteKey = link.remote?.key ?? 'the remote issue';
  const choose = (side: 'local' | 'remote') => {
    run(() =>
      call('panel/resolve-conflict', {
        connectionId: link.connectionId,
        localPath: conflict.localPath,
        choose: side,
      }),
    );
  };
  return (
    <SectionMessage appearance="warning" title={`${conflict.localPath} was changed on both sides`}>
      <Stack space="space.100">
        <Inline space="space.050">
          <Text weight="bold">{issueKey}</Text>
          <Text>{conflict.localValue}</Text>
        </Inline>
        <Inline space="space.050">
          <Text weight="bold">{remoteKey}</Text>
          <Text>{conflict.remoteValue}</Text>
        </Inline>
        <Inline space="space.100">
          <Button
            isDisabled={busy}
            onClick={() => {
              choose('local');
            }}
          >
            Keep {issueKey}
          </Button>
          <Button
            isDisabled={busy}
            onClick={() => {
              choose('remote');
            }}
          >
            Keep {remoteKey}
          </Button>
        </Inline>
      </Stack>
    </SectionMessage>
  );
}
