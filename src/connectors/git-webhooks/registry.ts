/**
 * Every git server Tandem receives webhooks from, in one map. The settings page offers exactly these
 * kinds; the web trigger picks the connector by the integration's kind.
 */
import type { GitServerKind } from '../../core/devinfo/integration';
import { azureDevOps } from '../azure-devops/devinfo-webhook';
import { bitbucket } from '../bitbucket/devinfo-webhook';
import { forgejo, gitea } from '../gitea/devinfo-webhook';
import { github } from '../github/devinfo-webhook';
import { gitlab } from '../gitlab/devinfo-webhook';
import type { GitServerConnector } from './git-server';

export const GIT_SERVERS: Readonly<Record<GitServerKind, GitServerConnector>> = {
  github,
  gitlab,
  bitbucket,
  gitea,
  forgejo,
  'azure-devops': azureDevOps,
};
