/**
 * GitHub sub-issues as the hierarchy's parents (capability `hierarchy`). GitHub's REST API 2022-11-28
 * ("REST API endpoints for sub-issues", https://docs.github.com/en/rest/issues/sub-issues):
 *
 * - An issue names its parent in `parent_issue_url` ("Get an issue", the `issue` schema: "URL to get the parent
 *   issue of this issue, if it is a sub-issue"), so listings carry parents with no call per issue.
 * - "Add sub-issue": `POST /repos/{owner}/{repo}/issues/{parent}/sub_issues` with `sub_issue_id`, the child's
 *   `id` (not its number), and `replace_parent: true` to move it from another parent.
 * - "Remove sub-issue": `DELETE /repos/{owner}/{repo}/issues/{parent}/sub_issue` with `sub_issue_id`.
 *
 * GitHub issues have no types, so every issue is at level 0 (Jira's standard issue): any issue may be a
 * parent. A parent may live in another repository of the same owner; it is named by its key
 * (`owner/repo#n`), which is not this connection's issue id, so it counts as a parent outside the sync.
 */
import type { Octokit } from '@octokit/rest';
import type { HierarchyRef } from '../../core/model';

/** The parent an issue's `parent_issue_url` names: its number here, or its key in another repository. */
export function parentOf(url: string | null | undefined, repo: string): HierarchyRef['parent'] {
  if (!url) return null;
  const match = /\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(new URL(url).pathname);
  if (!match) return null;
  const [, owner = '', name = '', number = ''] = match;
  const there = `${owner}/${name}`;
  if (there.toLowerCase() === repo.toLowerCase()) return { id: number, key: `${repo}#${number}` };
  return { id: `${there}#${number}`, key: `${there}#${number}` };
}

/** Another repository's issue key, as `parentOf` names a parent there: never an issue of this connection. */
export const isForeignKey = (id: string): boolean => /^[^/\s#]+\/[^/\s#]+#\d+$/.test(id);

export interface SubIssueTarget {
  owner: string;
  repo: string;
  /** The parent's number. */
  parent: number;
  /** The child's `id` (not its number). */
  childId: number;
}

export async function addSubIssue(octokit: Octokit, t: SubIssueTarget): Promise<void> {
  await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', {
    owner: t.owner,
    repo: t.repo,
    issue_number: t.parent,
    sub_issue_id: t.childId,
    replace_parent: true,
  });
}

export async function removeSubIssue(octokit: Octokit, t: SubIssueTarget): Promise<void> {
  await octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue', {
    owner: t.owner,
    repo: t.repo,
    issue_number: t.parent,
    sub_issue_id: t.childId,
  });
}
