/**
 * The dev info part of the health web trigger: which integrations exist, for which servers, whether each
 * has a secret, its rotation and installation state, and how many deliveries wait. No secret, token or
 * webhook URL (the URL is half of what a sender needs) is in it.
 */
import { GIT_SERVERS } from '../../connectors/git-webhooks/registry';
import { inboxSize } from './delivery-inbox';
import { secretStatus } from './integration-secrets';
import { listIntegrations } from './integration-store';

export interface DevInfoHealth {
  integrations: {
    id: string;
    name: string;
    server: string;
    secret: 'set' | 'missing';
    secretHeader: string;
    previousSecretValidUntil?: string;
    install?: { state: string; repository: string; message?: string };
  }[];
  waitingDeliveries: number;
}

export async function devInfoHealth(): Promise<DevInfoHealth> {
  const integrations = await listIntegrations();
  const rows = await Promise.all(
    integrations.map(async (i) => ({
      id: i.id,
      name: i.name,
      server: i.server,
      secret: await secretStatus(i.id),
      secretHeader: GIT_SERVERS[i.server].secretHeader,
      ...(i.previousSecretValidUntil ? { previousSecretValidUntil: i.previousSecretValidUntil } : {}),
      ...(i.install
        ? {
            install: {
              state: i.install.state,
              repository: i.install.repository,
              ...(i.install.message ? { message: i.install.message } : {}),
            },
          }
        : {}),
    })),
  );
  return { integrations: rows, waitingDeliveries: await inboxSize(100) };
}

/** Adds the dev info report to a health report; an integration without a secret makes it unhealthy. */
interface Report {
  ok: boolean;
  checks: Record<string, string>;
}

export async function withDevInfo(report: Report): Promise<Report & { devinfo: DevInfoHealth }> {
  const devinfo = await devInfoHealth();
  const missing = devinfo.integrations.filter((i) => i.secret === 'missing').map((i) => i.id);
  return {
    ok: report.ok && missing.length === 0,
    checks: {
      ...report.checks,
      devinfo:
        missing.length > 0
          ? `integrations without a secret: ${missing.join(', ')}`
          : `ok: ${devinfo.integrations.length} integration(s), ${devinfo.waitingDeliveries} delivery(ies) waiting`,
    },
    devinfo,
  };
}
