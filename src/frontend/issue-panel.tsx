/**
 * Issue panel (UI Kit): whether this issue is linked, to what, when it last synced, what is pending,
 * conflicts and errors, and "sync now". For now a placeholder; later issues fill it from the resolver.
 */
import React from 'react';
import ForgeReconciler, { Heading, Stack, Text } from '@forge/react';

function IssuePanel(): React.JSX.Element {
  return (
    <Stack space="space.100">
      <Heading size="small">Tandem</Heading>
      <Text>Sync status for this issue will appear here.</Text>
    </Stack>
  );
}

ForgeReconciler.render(
  <React.StrictMode>
    <IssuePanel />
  </React.StrictMode>,
);
