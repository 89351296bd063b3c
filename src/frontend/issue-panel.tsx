/**
 * Issue panel (UI Kit): whether this issue is linked, to what (with a link and the remote status), when it
 * last synced, what is pending, conflicts and errors with their buttons, and "Sync now".
 */
import React from 'react';
import ForgeReconciler from '@forge/react';
import { PanelApp } from './panel/panel-app';

ForgeReconciler.render(
  <React.StrictMode>
    <PanelApp />
  </React.StrictMode>,
);
