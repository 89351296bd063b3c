/**
 * An in-memory GitHub issues API, reached through the connector's FetchLike. Every request the connector
 * makes and every answer the fake gives are validated against GitHub's OpenAPI description; what fails is
 * collected in `violations`, which the tests expect to stay empty. Faults (rate limits, errors) can be
 * queued to answer the next requests.
 */
import type { OpenAPIBackend, Operation } from 'openapi-backend';
import type { FetchLike } from '../../../src/connectors/jira/remote-transport';
import type { ResponseLike } from '../../../src/connectors/jira/jira-transport';
import {
  API,
  comment,
  issue,
  issueId,
  milestone,
  type CommentState,
  type IssueState,
  type MilestoneState,
} from './github-shapes';

type Obj = Record<string, unknown>;
interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

export class FakeGitHub {
  readonly violations: string[] = [];
  readonly calls: string[] = [];
  readonly repo: string;
  private readonly issues = new Map<number, IssueState>();
  private readonly comments = new Map<number, CommentState>();
  private readonly milestones: MilestoneState[] = [];
  private readonly faults: Reply[] = [];
  private seq = 0;
  private commentSeq = 100_000;
  /** GitHub's clock, in whole seconds; every write moves it on by one. */
  ms = Date.parse('2026-11-24T08:00:00Z');

  constructor(
    private readonly api: OpenAPIBackend,
    repo = 'acme/widgets',
  ) {
    this.repo = repo;
  }

  private tick(): string {
    this.ms += 1000;
    return new Date(this.ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** The next requests fail with these answers, in order. */
  fail(...replies: Reply[]): void {
    this.faults.push(...replies);
  }

  /** A person opens an issue or a pull request on GitHub. */
  userCreate(fields: Partial<IssueState> & { title: string }): IssueState {
    const now = this.tick();
    const i: IssueState = {
      number: ++this.seq,
      body: null,
      state: 'open',
      state_reason: null,
      labels: [],
      assignees: [],
      milestone: null,
      author: 'octocat',
      comments: 0,
      pullRequest: false,
      created: now,
      updated: now,
      closed: null,
      ...fields,
    };
    this.issues.set(i.number, i);
    return i;
  }

  /** A person edits an issue on GitHub. */
  userEdit(number: number, fields: Partial<Omit<IssueState, 'number'>>): void {
    const i = this.issues.get(number);
    if (!i) throw new Error(`no issue #${number}`);
    Object.assign(i, fields, { updated: this.tick() });
  }

  /** A person comments on an issue; GitHub counts it as an update of the issue. */
  userComment(number: number, body: string, author = 'octocat'): CommentState {
    const i = this.issues.get(number);
    if (!i) throw new Error(`no issue #${number}`);
    const now = this.tick();
    const c: CommentState = {
      id: ++this.commentSeq,
      issue: number,
      body,
      author,
      created: now,
      updated: now,
    };
    this.comments.set(c.id, c);
    i.comments += 1;
    i.updated = now;
    return c;
  }

  /** A person adds a milestone to the repository (closed ones still hold issues). */
  userMilestone(title: string, state: 'open' | 'closed' = 'open'): MilestoneState {
    const m: MilestoneState = { number: this.milestones.length + 1, title, created: this.tick(), state };
    this.milestones.push(m);
    return m;
  }

  milestoneTitles(): string[] {
    return this.milestones.map((m) => m.title);
  }

  snapshot(number: number): IssueState | undefined {
    const i = this.issues.get(number);
    return i ? { ...i } : undefined;
  }

  commentsOf(number: number): CommentState[] {
    return [...this.comments.values()].filter((c) => c.issue === number);
  }

  readonly fetch: FetchLike = async (url, init) => {
    const u = new URL(url);
    const query: Record<string, string> = {};
    u.searchParams.forEach((v, k) => (query[k] = v));
    const body: unknown =
      typeof init.body === 'string' && init.body !== '' ? JSON.parse(init.body) : undefined;
    const req = { method: init.method.toLowerCase(), path: u.pathname, query, headers: init.headers, body };
    this.calls.push(`${init.method} ${u.pathname}`);
    const fault = this.faults.shift();
    if (fault) return respond(fault);
    const op = this.api.matchOperation(req);
    if (!op) {
      this.violations.push(`${init.method} ${u.pathname}: no such operation in GitHub's API`);
      return respond({ status: 404, body: { message: 'Not Found' } });
    }
    const check = this.api.validateRequest(req, op);
    if (!check.valid)
      this.violations.push(`${op.operationId ?? '?'} request: ${JSON.stringify(check.errors)}`);
    const parsed: unknown = this.api.router.parseRequest(req, op).params;
    const reply = this.handle(op, isObj(parsed) ? parsed : {}, query, isObj(body) ? body : {});
    if (reply.status < 300 || reply.status === 404 || reply.status === 422) {
      // A 204 has no body, which the validator reads as null.
      const res = this.api.validateResponse(reply.body ?? null, op, reply.status);
      if (!res.valid)
        this.violations.push(
          `${op.operationId ?? '?'} ${reply.status} response: ${JSON.stringify(res.errors).slice(0, 800)}`,
        );
    }
    return respond(reply);
  };

  private handle(op: Operation, params: Obj, query: Record<string, string>, body: Obj): Reply {
    const number = Number(str(params.issue_number));
    const commentId = Number(str(params.comment_id));
    switch (op.operationId) {
      case 'issues/list-for-repo':
        return this.list(query);
      case 'issues/get': {
        const i = this.issues.get(number);
        return i ? { status: 200, body: issue(this.repo, i) } : notFound();
      }
      case 'issues/create': {
        const i = this.userCreate({ title: str(body.title) ?? '', author: 'tandem-bot' });
        this.apply(i, body);
        return { status: 201, body: issue(this.repo, i) };
      }
      case 'issues/update': {
        const i = this.issues.get(number);
        if (!i) return notFound();
        this.apply(i, body);
        i.updated = this.tick();
        return { status: 200, body: issue(this.repo, i) };
      }
      case 'issues/list-comments': {
        const all = this.commentsOf(number).map((c) => comment(this.repo, c));
        return this.paged(all, query, `/repos/${this.repo}/issues/${number}/comments`);
      }
      case 'issues/create-comment': {
        const i = this.issues.get(number);
        if (!i) return notFound();
        const now = this.tick();
        const c: CommentState = {
          id: ++this.commentSeq,
          issue: number,
          body: str(body.body) ?? '',
          author: 'tandem-bot',
          created: now,
          updated: now,
        };
        this.comments.set(c.id, c);
        i.comments += 1;
        i.updated = now;
        return { status: 201, body: comment(this.repo, c) };
      }
      case 'issues/get-comment': {
        const c = this.comments.get(commentId);
        return c ? { status: 200, body: comment(this.repo, c) } : notFound();
      }
      case 'issues/update-comment': {
        const c = this.comments.get(commentId);
        if (!c) return notFound();
        c.body = str(body.body) ?? '';
        c.updated = this.tick();
        return { status: 200, body: comment(this.repo, c) };
      }
      case 'issues/delete-comment':
        return this.comments.delete(commentId) ? { status: 204 } : notFound();
      case 'issues/add-sub-issue':
        return this.addSubIssue(number, Number(body.sub_issue_id), body.replace_parent === true);
      case 'issues/remove-sub-issue': {
        const child = this.byId(Number(body.sub_issue_id));
        const parent = this.issues.get(number);
        if (!parent || !child || child.parent !== number) return notFound();
        child.parent = null;
        this.touch(child, parent);
        return { status: 200, body: issue(this.repo, parent) };
      }
      case 'issues/get-parent': {
        const parent = this.issues.get(Number(this.issues.get(number)?.parent));
        return parent ? { status: 200, body: issue(this.repo, parent) } : notFound();
      }
      case 'issues/list-sub-issues': {
        if (!this.issues.has(number)) return notFound();
        const children = [...this.issues.values()].filter((i) => i.parent === number);
        return this.paged(
          children.map((i) => issue(this.repo, i)),
          query,
          `/repos/${this.repo}/issues/${number}/sub_issues`,
        );
      }
      case 'issues/list-milestones': {
        // "List milestones": `state` open (the default), closed or all, paged like every list
        // (https://docs.github.com/en/rest/issues/milestones#list-milestones).
        const state = query.state ?? 'open';
        const listed = this.milestones.filter((m) => state === 'all' || (m.state ?? 'open') === state);
        return this.paged(
          listed.map((m) => milestone(this.repo, m)),
          query,
          `/repos/${this.repo}/milestones`,
        );
      }
      case 'issues/create-milestone': {
        const title = str(body.title) ?? '';
        // Titles are unique in a repository: a second one is refused as a validation failure.
        if (this.milestones.some((m) => m.title === title))
          return {
            status: 422,
            body: {
              message: 'Validation Failed',
              errors: [{ resource: 'Milestone', code: 'already_exists', field: 'title' }],
              documentation_url: 'https://docs.github.com/rest/issues/milestones#create-a-milestone',
            },
          };
        return { status: 201, body: milestone(this.repo, this.userMilestone(title)) };
      }
      default:
        return { status: 404, body: { message: `the fake does not implement ${op.operationId ?? '?'}` } };
    }
  }

  /**
   * "Add sub-issue" (https://docs.github.com/en/rest/issues/sub-issues#add-sub-issue): `sub_issue_id` is the
   * child's `id`. Refused (422) when the child already has a parent and `replace_parent` is not set, and
   * when it would become its own ancestor; a pull request is no sub-issue.
   */
  private addSubIssue(number: number, childId: number, replace: boolean): Reply {
    const parent = this.issues.get(number);
    const child = this.byId(childId);
    if (!parent || !child) return notFound();
    const refuse = (message: string): Reply => ({
      status: 422,
      body: {
        message,
        documentation_url: 'https://docs.github.com/rest/issues/sub-issues#add-sub-issue',
      },
    });
    if (child.pullRequest || parent.pullRequest) return refuse('Pull requests cannot be sub-issues');
    if (child.parent !== undefined && child.parent !== null && !replace)
      return refuse('Sub issue may only have one parent');
    for (let up: IssueState | undefined = parent; up; up = this.issues.get(Number(up.parent)))
      if (up.number === child.number) return refuse('Sub issue cannot be its own ancestor');
    const before = typeof child.parent === 'number' ? this.issues.get(child.parent) : undefined;
    child.parent = number;
    this.touch(child, parent, ...(before ? [before] : []));
    return {
      status: 201,
      body: issue(this.repo, parent),
      headers: { location: `${API}/repos/${this.repo}/issues/${number}/sub_issues` },
    };
  }

  private byId(id: number): IssueState | undefined {
    return [...this.issues.values()].find((i) => issueId(i.number) === id);
  }

  /** A parent change is an event on the timelines of the issues it concerns, and moves their update time. */
  private touch(...issues: IssueState[]): void {
    const now = this.tick();
    for (const i of issues) i.updated = now;
  }

  /** A person puts an issue under a parent (its number, or `owner/repo#n` in another repository), or none. */
  userSetParent(number: number, parent: number | string | null): void {
    const child = this.issues.get(number);
    if (!child) throw new Error(`no issue #${number}`);
    const concerned = [child.parent, parent].flatMap((p) => {
      const i = typeof p === 'number' ? this.issues.get(p) : undefined;
      return i ? [i] : [];
    });
    child.parent = parent;
    this.touch(child, ...concerned);
  }

  private apply(i: IssueState, body: Obj): void {
    if (typeof body.title === 'string') i.title = body.title;
    if (typeof body.body === 'string' || body.body === null) i.body = body.body;
    if (Array.isArray(body.labels))
      i.labels = body.labels.map((l) => (isObj(l) ? (str(l.name) ?? '') : String(l)));
    if (Array.isArray(body.assignees)) i.assignees = body.assignees.map(String);
    if ('milestone' in body)
      i.milestone =
        body.milestone === null
          ? null
          : (this.milestones.find((m) => m.number === Number(body.milestone)) ?? null);
    if (body.state === 'open' || body.state === 'closed') {
      // GitHub says why an issue was closed, and that a closed one was reopened.
      const reopened = i.state === 'closed' && body.state === 'open';
      if (body.state !== i.state) i.closed = body.state === 'closed' ? this.tick() : null;
      i.state = body.state;
      if (body.state === 'closed') i.state_reason = str(body.state_reason) ?? 'completed';
      else if (reopened) i.state_reason = 'reopened';
    }
  }

  private list(query: Record<string, string>): Reply {
    const since = query.since === undefined ? undefined : Date.parse(query.since);
    const sorted = [...this.issues.values()]
      .filter((i) => (query.state === 'all' ? true : i.state === (query.state ?? 'open')))
      .filter((i) => since === undefined || Date.parse(i.updated) >= since)
      .sort((a, b) => {
        const key = query.sort === 'updated' ? 'updated' : 'created';
        return Date.parse(a[key]) - Date.parse(b[key]) || a.number - b.number;
      });
    if (query.direction !== 'asc') sorted.reverse();
    return this.paged(
      sorted.map((i) => issue(this.repo, i)),
      query,
      `/repos/${this.repo}/issues`,
    );
  }

  private paged(all: unknown[], query: Record<string, string>, path: string): Reply {
    const perPage = Number(query.per_page ?? 30);
    const page = Number(query.page ?? 1);
    const items = all.slice((page - 1) * perPage, page * perPage);
    if (page * perPage >= all.length) return { status: 200, body: items };
    const next = new URLSearchParams({ ...query, page: String(page + 1) });
    return { status: 200, body: items, headers: { link: `<${API}${path}?${next.toString()}>; rel="next"` } };
  }
}

const notFound = (): Reply => ({
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
});

function respond(reply: Reply): Promise<ResponseLike> {
  const headers = new Headers({ 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  return Promise.resolve({
    status: reply.status,
    headers,
    text: () => Promise.resolve(text),
    arrayBuffer: () => Promise.resolve(new TextEncoder().encode(text).buffer),
  });
}
