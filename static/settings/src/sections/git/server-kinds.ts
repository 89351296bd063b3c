/** How the page names each git server, and which ones Tandem can install its webhook on. */
import {
  AutoInstallServerSchema,
  GitServerKindSchema,
  type GitServerKind,
} from '../../../../../src/core/devinfo/integration';

export const SERVER_LABELS: Readonly<Record<GitServerKind, string>> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  bitbucket: 'Bitbucket',
  gitea: 'Gitea',
  forgejo: 'Forgejo',
  'azure-devops': 'Azure DevOps',
};

export const SERVER_OPTIONS = GitServerKindSchema.options.map((value) => ({
  value,
  label: SERVER_LABELS[value],
}));

export const canAutoInstall = (server: GitServerKind): boolean =>
  AutoInstallServerSchema.safeParse(server).success;
