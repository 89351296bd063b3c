/**
 * The manifest's backend egress allowlist, matched by Atlassian's own matcher: @forge/egress
 * EgressFilteringService, which @forge/api uses for `permissions.canFetchFrom` (out/api/permissions.js).
 * It compares protocol and host only (an address without a scheme means https), and `*.example.com` does not
 * cover `example.com`. Sandbox sites on 127.0.0.1 are not on any real allowlist; `allowLocal` admits them so
 * the demo and tests can use `http://127.0.0.1:PORT/sites/partner` as a "remote" Jira.
 */
import { EgressFilteringService } from '@forge/egress';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class EgressPolicy {
  private readonly filter: EgressFilteringService;

  constructor(
    readonly addresses: readonly string[],
    readonly allowLocal: boolean,
  ) {
    this.filter = new EgressFilteringService([...addresses]);
  }

  allows(url: URL): boolean {
    if (this.allowLocal && LOCAL_HOSTS.has(url.hostname)) return true;
    return this.filter.isValidUrl(url.href);
  }
}
