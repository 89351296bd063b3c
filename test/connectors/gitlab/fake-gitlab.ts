/**
 * An in-memory GitLab REST API v4 (issues, notes, milestones, users) behind the connector's FetchLike.
 * Answers are typed with gitbeaker's published schemas (IssueSchema, NoteSchema, MilestoneSchema, written
 * from GitLab's API docs), so a missing or mistyped field fails the type check. Requests are checked
 * against GitLab's documented routes and parameters: anything else lands in `violations`.
 */
import type { IssueSchema, MilestoneSchema, NoteSchema } from '@gitbeaker/rest';
import type { ResponseLike } from '../../../src/connectors/jira/jira-transport';
import type { FetchLike } from '../../../src/connectors/jira/remote-transport';

export const HOST = 'https://gitlab.example.com';
/** gitbeaker's SimpleUserSchema without `created_at`, as issues and notes embed users. */
interface Person {
  id: number;
  name: string;
  username: string;
  state: string;
  avatar_url: string;
  web_url: string;
  [key: string]: unknown;
}
type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** Parameters GitLab documents for each route this fake serves (docs.gitlab.com/api/issues, notes, …). */
const ROUTES: { method: string; pattern: RegExp; name: string; params: string[] }[] = [
  {
    method: 'GET',
    pattern: /^\/projects\/([^/]+)\/issues$/,
    name: 'list-issues',
    params: [
      'scope',
      'order_by',
      'sort',
      'per_page',
      'page',
      'updated_after',
      'created_after',
      'iids[]',
      'state',
    ],
  },
  {
    method: 'POST',
    pattern: /^\/projects\/([^/]+)\/issues$/,
    name: 'create-issue',
    params: ['title', 'description', 'labels', 'assignee_ids', 'milestone_id', 'due_date', 'confidential'],
  },
  { method: 'GET', pattern: /^\/projects\/([^/]+)\/issues\/(\d+)$/, name: 'get-issue', params: [] },
  {
    method: 'PUT',
    pattern: /^\/projects\/([^/]+)\/issues\/(\d+)$/,
    name: 'edit-issue',
    params: [
      'title',
      'description',
      'labels',
      'assignee_ids',
      'milestone_id',
      'state_event',
      'due_date',
      'confidential',
    ],
  },
  {
    method: 'GET',
    pattern: /^\/projects\/([^/]+)\/issues\/(\d+)\/notes$/,
    name: 'list-notes',
    params: ['per_page', 'page', 'sort', 'order_by'],
  },
  {
    method: 'POST',
    pattern: /^\/projects\/([^/]+)\/issues\/(\d+)\/notes$/,
    name: 'create-note',
    params: ['body', 'internal', 'created_at'],
  },
  {
    method: 'GET',
    pattern: /^\/projects\/([^/]+)\/issues\/(\d+)\/notes\/(\d+)$/,
    name: 'get-note',
    params: [],
  },
  {
    method: 'PUT',
    pattern: /^\/projects\/([^/]+)\/issues\/(\d+)\/notes\/(\d+)$/,
    name: 'edit-note',
    params: ['body'],
  },
  {
    method: 'DELETE',
    pattern: /^\/projects\/([^/]+)\/issues\/(\d+)\/notes\/(\d+)$/,
    name: 'delete-note',
    params: [],
  },
  {
    method: 'GET',
    pattern: /^\/projects\/([^/]+)\/milestones$/,
    name: 'list-milestones',
    // "List project milestones" (https://docs.gitlab.com/api/milestones/#list-project-milestones).
    params: ['title', 'state', 'per_page', 'page'],
  },
  {
    method: 'POST',
    pattern: /^\/projects\/([^/]+)\/milestones$/,
    name: 'create-milestone',
    params: ['title'],
  },
  { method: 'GET', pattern: /^\/users$/, name: 'list-users', params: ['username', 'per_page', 'page'] },
];

/** GitLab's milestone states are active and closed; a closed one still holds issues. */
interface StoredMilestone {
  id: number;
  title: string;
  created: string;
  state: 'active' | 'closed';
}

interface StoredIssue {
  iid: number;
  title: string;
  description: string;
  state: 'opened' | 'closed';
  labels: string[];
  assignees: number[];
  milestone: number | null;
  author: number;
  confidential: boolean;
  created: string;
  updated: string;
}
interface StoredNote {
  id: number;
  iid: number;
  body: string;
  author: number;
  system: boolean;
  internal: boolean;
  created: string;
  updated: string;
}

export class FakeGitLab {
  readonly violations: string[] = [];
  readonly calls: string[] = [];
  readonly people: Person[] = [
    {
      id: 1,
      username: 'tandem-bot',
      name: 'Tandem',
      state: 'active',
      avatar_url: '',
      web_url: `${HOST}/tandem-bot`,
    },
    { id: 7, username: 'ana', name: 'Ana Lima', state: 'active', avatar_url: '', web_url: `${HOST}/ana` },
  ];
  private readonly issues = new Map<number, StoredIssue>();
  private readonly notes = new Map<number, StoredNote>();
  private readonly milestones: StoredMilestone[] = [];
  private readonly faults: Reply[] = [];
  private seq = 0;
  private noteSeq = 500;
  ms = Date.parse('2026-11-24T08:00:00.000Z');

  constructor(readonly project = 'acme/widgets') {}

  private tick(): string {
    this.ms += 1000;
    return new Date(this.ms).toISOString();
  }

  fail(...replies: Reply[]): void {
    this.faults.push(...replies);
  }

  userCreate(fields: Partial<StoredIssue> & { title: string }): StoredIssue {
    const now = this.tick();
    const issue: StoredIssue = {
      iid: ++this.seq,
      description: '',
      state: 'opened',
      labels: [],
      assignees: [],
      milestone: null,
      author: 7,
      confidential: false,
      created: now,
      updated: now,
      ...fields,
    };
    this.issues.set(issue.iid, issue);
    return issue;
  }

  userNote(iid: number, body: string, flags: { system?: boolean; internal?: boolean } = {}): StoredNote {
    const now = this.tick();
    const note: StoredNote = {
      id: ++this.noteSeq,
      iid,
      body,
      author: 7,
      system: flags.system ?? false,
      internal: flags.internal ?? false,
      created: now,
      updated: now,
    };
    this.notes.set(note.id, note);
    // A note touches its issue: GitLab bumps the issue's updated_at with every new note.
    const issue = this.issues.get(iid);
    if (issue) issue.updated = now;
    return note;
  }

  /** A person edits an issue in GitLab. */
  userEdit(iid: number, fields: Partial<Omit<StoredIssue, 'iid'>>): void {
    const issue = this.issues.get(iid);
    if (!issue) throw new Error(`no issue #${iid}`);
    Object.assign(issue, fields, { updated: this.tick() });
  }

  /** A person adds a milestone to the project. */
  userMilestone(title: string, state: StoredMilestone['state'] = 'active'): StoredMilestone {
    const m: StoredMilestone = { id: 300 + this.milestones.length, title, created: this.tick(), state };
    this.milestones.push(m);
    return m;
  }

  milestoneTitles(): string[] {
    return this.milestones.map((m) => m.title);
  }

  stored(iid: number): StoredIssue | undefined {
    const i = this.issues.get(iid);
    return i ? { ...i } : undefined;
  }

  notesOf(iid: number): StoredNote[] {
    return [...this.notes.values()].filter((n) => n.iid === iid);
  }

  readonly fetch: FetchLike = (url, init) => {
    const u = new URL(url);
    const path = u.pathname.replace(/^\/api\/v4/, '');
    this.calls.push(`${init.method} ${path}`);
    if (!u.pathname.startsWith('/api/v4/')) this.violations.push(`${u.pathname}: not under /api/v4`);
    if (init.headers['PRIVATE-TOKEN'] !== 'glpat-test' && init.headers['private-token'] !== 'glpat-test')
      return respond({ status: 401, body: { message: '401 Unauthorized' } });
    const fault = this.faults.shift();
    if (fault) return respond(fault);
    const route = ROUTES.find((r) => r.method === init.method && r.pattern.test(path));
    if (!route) {
      this.violations.push(`${init.method} ${path}: not a GitLab route this connector should use`);
      return respond({ status: 404, body: { message: '404 Not found' } });
    }
    const params = [...u.searchParams.keys()];
    const parsed: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : {};
    const body: Record<string, unknown> =
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : {};
    for (const p of [...params, ...Object.keys(body)])
      if (!route.params.includes(p))
        this.violations.push(`${route.name}: GitLab documents no parameter "${p}"`);
    const m = route.pattern.exec(path) ?? [];
    if (m[1] !== undefined && decodeURIComponent(m[1]) !== this.project)
      return respond({ status: 404, body: { message: '404 Project Not Found' } });
    return respond(this.handle(route.name, Number(m[2]), Number(m[3]), u.searchParams, body));
  };

  private handle(
    name: string,
    iid: number,
    noteId: number,
    q: URLSearchParams,
    body: Record<string, unknown>,
  ): Reply {
    const issue = this.issues.get(iid);
    const note = this.notes.get(noteId);
    switch (name) {
      case 'list-issues':
        return this.listIssues(q);
      case 'get-issue':
        return issue ? { status: 200, body: this.issueJson(issue) } : notFound('Issue');
      case 'create-issue': {
        const created = this.userCreate({ title: String(body.title), author: 1 });
        this.apply(created, body);
        return { status: 201, body: this.issueJson(created) };
      }
      case 'edit-issue':
        if (!issue) return notFound('Issue');
        this.apply(issue, body);
        issue.updated = this.tick();
        return { status: 200, body: this.issueJson(issue) };
      case 'list-notes': {
        if (!issue) return notFound('Issue');
        const all = this.notesOf(iid).map((n) => this.noteJson(n));
        return this.paged(all, q, `/projects/${encodeURIComponent(this.project)}/issues/${iid}/notes`);
      }
      case 'create-note': {
        if (!issue) return notFound('Issue');
        const n = this.userNote(iid, String(body.body));
        n.author = 1;
        issue.updated = n.created;
        return { status: 201, body: this.noteJson(n) };
      }
      case 'get-note':
        return note && note.iid === iid ? { status: 200, body: this.noteJson(note) } : notFound('Note');
      case 'edit-note':
        if (!note) return notFound('Note');
        note.body = String(body.body);
        note.updated = this.tick();
        return { status: 200, body: this.noteJson(note) };
      case 'delete-note':
        return this.notes.delete(noteId) ? { status: 204 } : notFound('Note');
      case 'list-milestones':
        return {
          status: 200,
          // Without `state`, every milestone, active or closed.
          body: this.milestones
            .filter((m) => !q.get('title') || m.title === q.get('title'))
            .filter((m) => !q.get('state') || m.state === q.get('state'))
            .map((m) => this.milestoneJson(m)),
        };
      case 'create-milestone': {
        return { status: 201, body: this.milestoneJson(this.userMilestone(String(body.title))) };
      }
      case 'list-users':
        return { status: 200, body: this.people.filter((p) => p.username === q.get('username')) };
      default:
        return notFound(name);
    }
  }

  private apply(i: StoredIssue, body: Record<string, unknown>): void {
    if (typeof body.title === 'string') i.title = body.title;
    if (typeof body.description === 'string') i.description = body.description;
    if (typeof body.labels === 'string') i.labels = body.labels.split(',').filter((l) => l !== '');
    if (Array.isArray(body.assignee_ids)) i.assignees = body.assignee_ids.map(Number);
    if (typeof body.milestone_id === 'number')
      i.milestone = body.milestone_id === 0 ? null : body.milestone_id;
    if (body.state_event === 'close') i.state = 'closed';
    if (body.state_event === 'reopen') i.state = 'opened';
    if (typeof body.confidential === 'boolean') i.confidential = body.confidential;
  }

  private listIssues(q: URLSearchParams): Reply {
    const after = q.get('updated_after');
    const created = q.get('created_after');
    const iids = q.getAll('iids[]').map(Number);
    const list = [...this.issues.values()]
      .filter((i) => !after || Date.parse(i.updated) >= Date.parse(after))
      .filter((i) => !created || Date.parse(i.created) >= Date.parse(created))
      .filter((i) => iids.length === 0 || iids.includes(i.iid))
      // GitLab orders by `order_by` (created_at unless told), ties by id.
      .sort((a, b) => {
        const key = q.get('order_by') === 'updated_at' ? 'updated' : 'created';
        return Date.parse(a[key]) - Date.parse(b[key]) || a.iid - b.iid;
      });
    if (q.get('sort') !== 'asc') list.reverse();
    return this.paged(
      list.map((i) => this.issueJson(i)),
      q,
      `/projects/${encodeURIComponent(this.project)}/issues`,
    );
  }

  private paged(all: unknown[], q: URLSearchParams, path: string): Reply {
    const perPage = Number(q.get('per_page') ?? 20);
    const page = Number(q.get('page') ?? 1);
    const items = all.slice((page - 1) * perPage, page * perPage);
    const last = page * perPage >= all.length;
    const headers: Record<string, string> = {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-total': String(all.length),
      'x-total-pages': String(Math.max(1, Math.ceil(all.length / perPage))),
      'x-next-page': last ? '' : String(page + 1),
    };
    if (!last) {
      const next = new URLSearchParams(q);
      next.set('page', String(page + 1));
      headers.link = `<${HOST}/api/v4${path}?${next.toString()}>; rel="next"`;
    }
    return { status: 200, body: items, headers };
  }

  private person(id: number): Person {
    return (
      this.people.find((p) => p.id === id) ?? {
        id,
        username: `user${id}`,
        name: `User ${id}`,
        state: 'active',
        avatar_url: '',
        web_url: '',
      }
    );
  }

  private milestoneJson(m: StoredMilestone): MilestoneSchema {
    return {
      id: m.id,
      iid: m.id - 299,
      project_id: 42,
      title: m.title,
      description: '',
      start_date: '',
      state: m.state,
      updated_at: m.created,
      created_at: m.created,
      expired: false,
      web_url: `${HOST}/${this.project}/-/milestones/${m.id - 299}`,
    };
  }

  private issueJson(i: StoredIssue): IssueSchema {
    const milestone = this.milestones.find((m) => m.id === i.milestone);
    const self = `${HOST}/api/v4/projects/42/issues/${i.iid}`;
    return {
      id: 10_000 + i.iid,
      iid: i.iid,
      project_id: 42,
      title: i.title,
      description: i.description,
      state: i.state,
      type: 'ISSUE',
      labels: i.labels,
      assignees: i.assignees.map((a) => this.person(a)),
      author: this.person(i.author),
      ...(milestone ? { milestone: this.milestoneJson(milestone) } : {}),
      created_at: i.created,
      updated_at: i.updated,
      upvotes: 0,
      downvotes: 0,
      merge_requests_count: 0,
      user_notes_count: this.notesOf(i.iid).length,
      due_date: '',
      web_url: `${HOST}/${this.project}/-/issues/${i.iid}`,
      references: { short: `#${i.iid}`, relative: `#${i.iid}`, full: `${this.project}#${i.iid}` },
      time_stats: {
        time_estimate: 0,
        total_time_spent: 0,
        human_time_estimate: null,
        human_total_time_spent: null,
      },
      has_tasks: false,
      task_status: '',
      confidential: i.confidential,
      discussion_locked: false,
      _links: {
        self,
        notes: `${self}/notes`,
        award_emoji: `${self}/award_emoji`,
        project: `${HOST}/api/v4/projects/42`,
      },
      task_completion_status: { count: 0, completed_count: 0 },
      subscribed: false,
    };
  }

  private noteJson(n: StoredNote): NoteSchema {
    return {
      id: n.id,
      body: n.body,
      attachment: null,
      author: this.person(n.author),
      created_at: n.created,
      updated_at: n.updated,
      system: n.system,
      internal: n.internal,
      noteable_id: 10_000 + n.iid,
      noteable_type: 'Issue',
      noteable_iid: n.iid,
      project_id: 42,
      resolvable: false,
    };
  }
}

const notFound = (what: string): Reply => ({ status: 404, body: { message: `404 ${what} Not Found` } });

function respond(reply: Reply): Promise<ResponseLike> {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  const headers = new Headers({ 'content-type': 'application/json', ...reply.headers });
  return Promise.resolve({
    status: reply.status,
    headers,
    text: () => Promise.resolve(text),
    arrayBuffer: () => Promise.resolve(new TextEncoder().encode(text).buffer),
  });
}
