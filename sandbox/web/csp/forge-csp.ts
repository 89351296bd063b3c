/**
 * The Content-Security-Policy Forge's CDN serves a Custom UI resource with, computed by Atlassian's own code
 * (`@forge/csp`): CSPProcessingService reads the resource's index.html and the manifest's `permissions`
 * (`content.styles` / `content.scripts`, `external.*`) into per-directive sources, and CSPInjectionService
 * builds the policy around them for the production environment. One change: `report-uri` points at the
 * sandbox (`/_sandbox/web/csp-report`) instead of Atlassian's report collector, so violations are counted
 * here and nothing leaves the machine.
 */
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import type { Permissions } from '@forge/manifest';
import { load } from 'cheerio';
import { z } from 'zod';

export const CSP_REPORT_PATH = '/_sandbox/web/csp-report';

const processing = new CSPProcessingService({ info: () => undefined }, load);
const injection = new CSPInjectionService();

export function forgeCsp(indexHtml: string, permissions: Permissions): string {
  const details = processing.getCspDetails(indexHtml, permissions);
  const directives = injection.getInjectableCSP({ existingCSPDetails: details, microsEnv: 'prod' });
  return directives
    .map((d) => (d.startsWith('report-uri ') ? `report-uri ${CSP_REPORT_PATH}` : d))
    .join('; ');
}

/** What the browser posts to report-uri (`application/csp-report`), the fields tests print. */
export interface CspViolation {
  documentUri: string;
  violatedDirective: string;
  blockedUri: string;
  sample: string;
}

const CspReportSchema = z.looseObject({
  'csp-report': z.looseObject({
    'document-uri': z.string().optional(),
    'violated-directive': z.string().optional(),
    'effective-directive': z.string().optional(),
    'blocked-uri': z.string().optional(),
    'script-sample': z.string().optional(),
  }),
});

export class CspViolations {
  private readonly seen: CspViolation[] = [];

  /** A body that is not a CSP report is still counted, as a violation nobody could read. */
  record(report: unknown): void {
    const parsed = CspReportSchema.safeParse(report);
    const body = parsed.success ? parsed.data['csp-report'] : {};
    this.seen.push({
      documentUri: body['document-uri'] ?? '',
      violatedDirective: body['violated-directive'] ?? body['effective-directive'] ?? '',
      blockedUri: body['blocked-uri'] ?? '',
      sample: body['script-sample'] ?? '',
    });
  }

  list(): readonly CspViolation[] {
    return [...this.seen];
  }
}
