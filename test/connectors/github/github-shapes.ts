/**
 * GitHub's resources as GitHub returns them: every field its OpenAPI description requires, so the fake's
 * answers pass the same validation as the real API's.
 */
type Obj = Record<string, unknown>;

export const API = 'https://api.github.test';
export const WEB = 'https://github.test';

export function user(login: string, id = 1000 + login.length): Obj {
  const u = `${API}/users/${login}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.github.test/u/${id}`,
    gravatar_id: '',
    url: u,
    html_url: `${WEB}/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: 'User',
    site_admin: false,
  };
}

export function label(repo: string, name: string, id: number): Obj {
  return {
    id,
    node_id: `LA_${id}`,
    url: `${API}/repos/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: 'ededed',
    default: false,
  };
}

export interface MilestoneState {
  number: number;
  title: string;
  created: string;
  /** Open unless closed; "List milestones" shows only open ones unless asked for `state=all`. */
  state?: 'open' | 'closed';
}

export function milestone(repo: string, m: MilestoneState): Obj {
  return {
    url: `${API}/repos/${repo}/milestones/${m.number}`,
    html_url: `${WEB}/${repo}/milestone/${m.number}`,
    labels_url: `${API}/repos/${repo}/milestones/${m.number}/labels`,
    id: 5000 + m.number,
    node_id: `MI_${m.number}`,
    number: m.number,
    state: m.state ?? 'open',
    title: m.title,
    description: null,
    creator: user('octocat'),
    open_issues: 0,
    closed_issues: 0,
    created_at: m.created,
    updated_at: m.created,
    closed_at: m.state === 'closed' ? m.created : null,
    due_on: null,
  };
}

export interface IssueState {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  milestone: MilestoneState | null;
  author: string;
  comments: number;
  pullRequest: boolean;
  created: string;
  updated: string;
  closed: string | null;
  /** The parent's number when it is a sub-issue (of this repository, or `owner/repo#n` of another). */
  parent?: number | string | null;
}

export function issue(repo: string, i: IssueState): Obj {
  const u = `${API}/repos/${repo}/issues/${i.number}`;
  const assignees = i.assignees.map((a) => user(a));
  return {
    id: issueId(i.number),
    node_id: `I_${i.number}`,
    url: u,
    repository_url: `${API}/repos/${repo}`,
    labels_url: `${u}/labels{/name}`,
    comments_url: `${u}/comments`,
    events_url: `${u}/events`,
    html_url: `${WEB}/${repo}/${i.pullRequest ? 'pull' : 'issues'}/${i.number}`,
    number: i.number,
    state: i.state,
    state_reason: i.state_reason,
    title: i.title,
    body: i.body,
    user: user(i.author),
    labels: i.labels.map((name, n) => label(repo, name, 700 + n)),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: i.milestone ? milestone(repo, i.milestone) : null,
    locked: false,
    active_lock_reason: null,
    comments: i.comments,
    ...(i.pullRequest
      ? {
          pull_request: {
            url: `${API}/repos/${repo}/pulls/${i.number}`,
            html_url: `${WEB}/${repo}/pull/${i.number}`,
            diff_url: `${WEB}/${repo}/pull/${i.number}.diff`,
            patch_url: `${WEB}/${repo}/pull/${i.number}.patch`,
          },
        }
      : {}),
    closed_at: i.closed,
    created_at: i.created,
    updated_at: i.updated,
    author_association: 'OWNER',
    parent_issue_url: parentUrl(repo, i.parent),
  };
}

/** The parent's API URL, as `parent_issue_url` names it; a parent of another repository by its key. */
function parentUrl(repo: string, parent: IssueState['parent']): string | null {
  if (parent === undefined || parent === null) return null;
  if (typeof parent === 'number') return `${API}/repos/${repo}/issues/${parent}`;
  const [there = '', n = ''] = parent.split('#');
  return `${API}/repos/${there}/issues/${n}`;
}

/** The `id` GitHub gives an issue, which the sub-issue endpoints take (not its number). */
export const issueId = (number: number): number => 9000 + number;

export interface CommentState {
  id: number;
  issue: number;
  body: string;
  author: string;
  created: string;
  updated: string;
}

export function comment(repo: string, c: CommentState): Obj {
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${API}/repos/${repo}/issues/comments/${c.id}`,
    html_url: `${WEB}/${repo}/issues/${c.issue}#issuecomment-${c.id}`,
    issue_url: `${API}/repos/${repo}/issues/${c.issue}`,
    body: c.body,
    user: user(c.author),
    created_at: c.created,
    updated_at: c.updated,
    author_association: 'OWNER',
  };
}
