/**
 * The issue view's "Development" card, as Jira draws development information: how many branches, commits
 * and pull requests name the issue, then each with its repository and a link to the git server. Read from
 * the emulator's devinfo store (what `/rest/devinfo/0.10/bulk` stored), as Jira's own view reads its store.
 */
import { z } from 'zod';
import { html, safeHref, type SafeHtml } from '../html';
import { formatDate, lozenge } from '../look/components';
import type { WebContext } from '../web-context';

const Linked = z.looseObject({ url: z.string().optional() });
const Commit = Linked.extend({
  id: z.string(),
  displayId: z.string().optional(),
  message: z.string().optional(),
  authorTimestamp: z.string().optional(),
  author: z.looseObject({ name: z.string().optional() }).optional(),
});
const Branch = Linked.extend({ id: z.string(), name: z.string() });
const PullRequest = Linked.extend({
  id: z.string(),
  displayId: z.string().optional(),
  title: z.string().optional(),
  status: z.string(),
  sourceBranch: z.string().optional(),
  destinationBranch: z.string().optional(),
  lastUpdate: z.string().optional(),
});
const Repository = Linked.extend({
  id: z.string(),
  name: z.string().optional(),
  commits: z.array(Commit),
  branches: z.array(Branch),
  pullRequests: z.array(PullRequest),
});
type Repository = z.infer<typeof Repository>;

/** Jira's pull request lozenges: open blue, merged green, declined red, draft and unknown grey. */
const PR_APPEARANCE: Readonly<Record<string, string>> = {
  OPEN: 'inprogress',
  MERGED: 'success',
  DECLINED: 'removed',
};

const count = (n: number, one: string, many: string): string => `${String(n)} ${n === 1 ? one : many}`;

/** Entities the store cannot describe are left out rather than breaking the issue view. */
export function developmentOf(ctx: WebContext, issueKey: string): Repository[] {
  return ctx.host.emulator.devInfoForIssue(ctx.localSite, issueKey).flatMap((raw) => {
    const repo = Repository.safeParse(raw);
    return repo.success ? [repo.data] : [];
  });
}

function link(url: string | undefined, text: string): SafeHtml {
  return url === undefined
    ? html`<span>${text}</span>`
    : html`<a href="${safeHref(url)}" target="_blank" rel="noreferrer noopener">${text}</a>`;
}

function group(title: string, items: SafeHtml[]): SafeHtml | string {
  if (items.length === 0) return '';
  return html`<h4 class="dev-group">${title}</h4>
    <ul class="links">
      ${items}
    </ul>`;
}

export function developmentCard(repos: readonly Repository[]): SafeHtml {
  const each = <T>(pick: (r: Repository) => T[]) => repos.flatMap((r) => pick(r).map((e) => ({ r, e })));
  const branches = each((r) => r.branches);
  const commits = each((r) => r.commits);
  const pulls = each((r) => r.pullRequests);
  const repoName = (r: Repository) => r.name ?? r.id;
  const summary = [
    count(branches.length, 'branch', 'branches'),
    count(commits.length, 'commit', 'commits'),
    count(pulls.length, 'pull request', 'pull requests'),
  ].join(' · ');
  const body =
    repos.length === 0
      ? html`<p class="empty">No branches, commits or pull requests name this issue yet.</p>`
      : html`<p class="subtle dev-summary">${summary}</p>
          ${group(
            'Branches',
            branches.map(
              ({ r, e }) => html`<li>${link(e.url, e.name)}<span class="subtlest">${repoName(r)}</span></li>`,
            ),
          )}
          ${group(
            'Commits',
            commits.map(
              ({ r, e }) =>
                html`<li>
                  <span class="mono">${link(e.url, e.displayId ?? e.id.slice(0, 7))}</span>
                  ${e.message ?? ''}
                  <span class="subtlest"
                    >${repoName(r)}${e.author?.name !== undefined
                      ? ` · ${e.author.name}`
                      : ''}${e.authorTimestamp !== undefined
                      ? ` · ${formatDate(e.authorTimestamp)}`
                      : ''}</span
                  >
                </li>`,
            ),
          )}
          ${group(
            'Pull requests',
            pulls.map(
              ({ r, e }) =>
                html`<li>
                  ${lozenge(e.status, PR_APPEARANCE[e.status] ?? 'default')}
                  ${link(e.url, `${e.displayId ?? ''} ${e.title ?? ''}`.trim() || e.id)}
                  <span class="subtlest"
                    >${repoName(r)}${e.sourceBranch !== undefined
                      ? ` · ${e.sourceBranch}${e.destinationBranch !== undefined ? ` → ${e.destinationBranch}` : ''}`
                      : ''}</span
                  >
                </li>`,
            ),
          )}`;
  return html`<section class="card" aria-label="Development">
    <header>Development</header>
    <div class="body">${body}</div>
  </section>`;
}
