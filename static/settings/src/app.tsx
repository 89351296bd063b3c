/**
 * The page: connections are loaded once and shared; each tab is a section in its own folder. Rules,
 * Safety and Activity work on one connection, picked above them. Git integrations is a slot that the
 * development-information feature fills (sections/git).
 */
import Select from '@atlaskit/select';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { useState } from 'react';
import type { AnswerOf } from '../../../src/core/schema/resolver-answers';
import { call } from './api';
import { ActivitySection } from './sections/activity/activity-section';
import { AnalyticsSection } from './sections/analytics/analytics-section';
import { ConnectionsSection } from './sections/connections/connections-section';
import { GitIntegrationsSection } from './sections/git/git-integrations-section';
import { RulesSection } from './sections/rules/rules-section';
import { SafetySection } from './sections/safety/safety-section';
import { LicenseBanner } from './ui/license-banner';
import { LoadState } from './ui/loading';
import { useLoad } from './ui/use-load';

export type ConnectionList = AnswerOf<'connections/list'>;

export function App() {
  const [list, reload] = useLoad(() => call('connections/list', {}), []);
  const [picked, setPicked] = useState<string | undefined>();
  if (list.state !== 'ready')
    return (
      <main>
        <LoadState loaded={list} what="the connections" />
      </main>
    );

  const connections = list.data.connections;
  const current = connections.find((c) => c.connection.id === picked) ?? connections[0];
  const options = connections.map((c) => ({ label: c.connection.name, value: c.connection.id }));
  const picker = (
    <div className="picker">
      <label htmlFor="connection-picker" className="subtle">
        Connection
      </label>
      <Select
        inputId="connection-picker"
        options={options}
        value={options.find((o) => o.value === current?.connection.id) ?? null}
        onChange={(o) => {
          setPicked(o?.value);
        }}
      />
    </div>
  );
  const needsConnection = <div className="empty">Add a connection first, on the Connections tab.</div>;

  return (
    <main>
      <LicenseBanner license={list.data.license} />
      <p className="intro">
        Keep {list.data.projectKey}’s issues in two-way sync with issues in other trackers.
      </p>
      <Tabs id="tandem-settings">
        <TabList>
          <Tab>Connections</Tab>
          <Tab>Rules</Tab>
          <Tab>Safety</Tab>
          <Tab>Activity</Tab>
          <Tab>Git integrations</Tab>
          <Tab>Analytics export</Tab>
        </TabList>
        <TabPanel>
          <ConnectionsSection list={list.data} reload={reload} />
        </TabPanel>
        <TabPanel>
          {current ? (
            <RulesSection key={current.connection.id} view={current} picker={picker} reload={reload} />
          ) : (
            needsConnection
          )}
        </TabPanel>
        <TabPanel>
          {current ? (
            <SafetySection key={current.connection.id} view={current} picker={picker} reload={reload} />
          ) : (
            needsConnection
          )}
        </TabPanel>
        <TabPanel>
          {current ? (
            <ActivitySection key={current.connection.id} view={current} picker={picker} />
          ) : (
            needsConnection
          )}
        </TabPanel>
        <TabPanel>
          <GitIntegrationsSection projectKey={list.data.projectKey} />
        </TabPanel>
        <TabPanel>
          <AnalyticsSection projectKey={list.data.projectKey} />
        </TabPanel>
      </Tabs>
    </main>
  );
}
