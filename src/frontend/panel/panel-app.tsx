/**
 * The issue panel: loads panel/get, shows one section per connection of the project, runs the buttons'
 * actions one at a time and shows each outcome in a message above the sections.
 */
import React, { useCallback, useEffect, useState } from 'react';
import { Heading, Link, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import type { AnswerOf } from '../../core/schema/resolver-answers';
import type { ActionCall } from './actions';
import { call } from './call';
import { LinkSection } from './link-section';

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; data: AnswerOf<'panel/get'> };
type Notice = { appearance: 'success' | 'warning' | 'error'; message: string };

const OK_OUTCOMES = new Set(['synced', 'resolved', 'linked', 'created']);
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function PanelApp(): React.JSX.Element {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();

  const load = useCallback(async () => {
    try {
      const answer = await call('panel/get', {});
      setLoaded(
        answer.ok ? { state: 'ready', data: answer.data } : { state: 'error', message: answer.error.message },
      );
    } catch (err) {
      setLoaded({ state: 'error', message: messageOf(err) });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const run = (action: ActionCall) => {
    setBusy(true);
    setNotice(undefined);
    const done = async () => {
      try {
        const answer = await action();
        if (!answer.ok) setNotice({ appearance: 'error', message: answer.error.message });
        else
          setNotice({
            appearance: OK_OUTCOMES.has(answer.data.outcome) ? 'success' : 'warning',
            message: answer.data.message,
          });
        await load();
      } catch (err) {
        setNotice({ appearance: 'error', message: messageOf(err) });
      } finally {
        setBusy(false);
      }
    };
    void done();
  };

  if (loaded.state === 'loading') return <Spinner label="Loading sync status" />;
  if (loaded.state === 'error') {
    return (
      <SectionMessage appearance="error" title="Tandem could not load this issue’s sync status">
        <Text>{loaded.message}</Text>
      </SectionMessage>
    );
  }
  const { data } = loaded;
  return (
    <Stack space="space.200">
      {notice && (
        <SectionMessage appearance={notice.appearance}>
          <Text>{notice.message}</Text>
        </SectionMessage>
      )}
      {data.license.notice !== undefined && (
        <SectionMessage appearance="warning" title="Tandem is paused: its license is not active">
          <Text>{data.license.notice}</Text>
          <Link href={data.license.manageUrl}>Manage apps</Link>
        </SectionMessage>
      )}
      {data.links.length === 0 && (
        <Text>
          No connection syncs this project. A project admin can add one under Project settings → Tandem.
        </Text>
      )}
      {data.links.map((link) => (
        <Stack key={link.connectionId} space="space.100">
          {data.links.length > 1 && <Heading size="xsmall">{link.connectionName}</Heading>}
          <LinkSection link={link} issueKey={data.issueKey} busy={busy} run={run} />
        </Stack>
      ))}
    </Stack>
  );
}
