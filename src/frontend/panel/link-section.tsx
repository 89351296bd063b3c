/**
 * One connection's view of the issue: the linked remote issue and its status, when it last synced, what
 * waits to go out, conflicts and errors with their buttons; or why the issue is not linked.
 */
import React from 'react';
import { Button, Code, Inline, Link, Lozenge, SectionMessage, Stack, Text, Tooltip } from '@forge/react';
import type { PanelLink } from '../../core/schema/resolver-answers';
import type { RunAction } from './actions';
import { call } from './call';
import { ConflictMessage } from './conflict-message';
import { relativeTime } from '../../core/format/relative-time';
import { StatusLozenge } from './status-lozenge';
import { UnlinkedActions } from './unlinked-actions';

interface Props {
  link: PanelLink;
  issueKey: string;
  busy: boolean;
  run: RunAction;
}

export function LinkSection({ link, issueKey, busy, run }: Props): React.JSX.Element {
  if (link.state === 'filtered') {
    return (
      <SectionMessage appearance="information" title={`Not synced by ${link.connectionName}`}>
        <Stack space="space.100">
          <Text>This issue is not linked because the connection’s filter excludes it:</Text>
          <Code>{link.filter ?? ''}</Code>
        </Stack>
      </SectionMessage>
    );
  }
  if (link.state === 'not-linked' || !link.remote)
    return <UnlinkedActions link={link} busy={busy} run={run} />;

  const syncNow = () => {
    run(() => call('panel/sync-now', { connectionId: link.connectionId }));
  };
  return (
    <Stack space="space.150">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Link href={link.remote.url} openNewTab>
          {link.remote.key}
        </Link>
        {link.remote.status !== null && <Lozenge>{link.remote.status}</Lozenge>}
        <StatusLozenge status={link.status} />
      </Inline>
      <Text size="small" color="color.text.subtlest">
        {link.lastSyncedAt === null ? 'Not synced yet' : `Last synced ${relativeTime(link.lastSyncedAt)}`}
        {' · '}
        {link.remoteLabel}
      </Text>
      {link.pending.length > 0 && (
        <Tooltip content="Local changes the next sync sends to the remote issue">
          <Text>Waiting to go out: {link.pending.join(', ')}</Text>
        </Tooltip>
      )}
      {link.status?.state === 'pending' && link.status.message !== null && (
        <Text size="small">{link.status.message}</Text>
      )}
      {link.conflicts.map((c) => (
        <ConflictMessage
          key={c.localPath}
          link={link}
          conflict={c}
          issueKey={issueKey}
          busy={busy}
          run={run}
        />
      ))}
      {(link.status?.state === 'error' || link.status?.state === 'drift') && (
        <SectionMessage
          appearance="error"
          title={
            link.status.state === 'drift'
              ? 'Out of sync: the two issues differ and no rule will repair it'
              : 'The last sync of this issue failed'
          }
        >
          <Stack space="space.100">
            <Text>{link.status.message ?? ''}</Text>
            <Inline>
              <Button isDisabled={busy} onClick={syncNow}>
                Retry
              </Button>
            </Inline>
          </Stack>
        </SectionMessage>
      )}
      <Inline>
        <Button isDisabled={busy} onClick={syncNow}>
          Sync now
        </Button>
      </Inline>
    </Stack>
  );
}
