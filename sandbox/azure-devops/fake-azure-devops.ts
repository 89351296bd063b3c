/**
 * A fake Azure DevOps Services organization for tests and the sandbox, on 127.0.0.1: the work item
 * tracking endpoints Tandem's connector calls, an Agile process project, WIQL, comments and attachments.
 * Every request is matched to an operation of Microsoft's description (wit-spec.ts) and checked against it,
 * and every answer is checked too; what fails lands in `violations`, which tests expect to stay empty.
 *
 * It refuses what the service refuses (each with the service's TF code and message):
 * - no or a wrong personal access token: 401 ("Authentication with a PAT": basic auth, the PAT as password);
 * - a JSON Patch whose `test` on `/rev` does not hold: 409 TF26071 ("Work Items - Update": "test" fails the
 *   whole patch; the connector treats 409 and 412 alike, as the status is not in the description);
 * - a field the work item type does not have: 400 TF51535; a read-only field: 400 TF401326; a state, priority
 *   or person the field does not allow: 400 TF401320 (rule error);
 * - a query it cannot parse or a field it does not know: 400 (wiql.ts).
 * Faults (rate limits, outages) can be queued for the next requests with `fail`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { WitSpec, type WitOperation } from './wit-spec';
import { matches, order, parseWiql, WiqlError } from './wiql';

type Obj = Record<string, unknown>;
const textOf = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Reply {
  status: number;
  body?: unknown;
  bytes?: Uint8Array;
  headers?: Record<string, string>;
}

interface Relation {
  rel: string;
  url: string;
  attributes: Obj;
}
interface Revision {
  rev: number;
  fields: Obj;
  relations: Relation[];
}
interface WorkItemState {
  id: number;
  history: Revision[];
}
interface CommentState {
  id: number;
  workItemId: number;
  version: number;
  text: string;
  by: string;
  created: string;
  modified: string;
  modifiedBy: string;
  isDeleted: boolean;
}

/** Agile's work item types and their states ("Default processes: Agile", learn.microsoft.com). */
const STATES: Record<string, string[]> = {
  'User Story': ['New', 'Active', 'Resolved', 'Closed', 'Removed'],
  Bug: ['New', 'Active', 'Resolved', 'Closed'],
  Task: ['New', 'Active', 'Closed', 'Removed'],
  Issue: ['Active', 'Closed'],
  Epic: ['New', 'Active', 'Resolved', 'Closed', 'Removed'],
  Feature: ['New', 'Active', 'Resolved', 'Closed', 'Removed'],
};

const WRITABLE = new Set([
  'System.Title',
  'System.Description',
  'System.State',
  'System.Reason',
  'System.Tags',
  'System.AssignedTo',
  'System.AreaPath',
  'System.IterationPath',
  'System.WorkItemType',
  'System.History',
  'Microsoft.VSTS.Common.Priority',
  'Microsoft.VSTS.Common.AcceptanceCriteria',
  'Microsoft.VSTS.Scheduling.StoryPoints',
]);
const READ_ONLY = new Set([
  'System.Id',
  'System.Rev',
  'System.TeamProject',
  'System.CreatedDate',
  'System.CreatedBy',
  'System.ChangedDate',
  'System.ChangedBy',
  'System.CommentCount',
  'Microsoft.VSTS.Common.StateChangeDate',
]);

export interface FakeAzureDevOpsOptions {
  organization?: string;
  project?: string;
  /** Further projects of the organization, for work items out of a connection's scope. */
  otherProjects?: string[];
  pat?: string;
  /** uniqueName → display name; the first is the PAT's owner. */
  people?: Record<string, string>;
  startMs?: number;
}

export class FakeAzureDevOps {
  readonly violations: string[] = [];
  readonly calls: string[] = [];
  readonly organization: string;
  readonly project: string;
  readonly pat: string;
  private readonly projects: string[];
  private readonly people: Map<string, string>;
  private readonly items = new Map<number, WorkItemState>();
  private readonly comments = new Map<number, CommentState>();
  private readonly attachments = new Map<string, { fileName: string; bytes: Uint8Array; created: string }>();
  private readonly faults: Reply[] = [];
  private server: Server | undefined;
  private seq = 0;
  private commentSeq = 0;
  /**
   * The service's clock: the wall clock, as the real service's, except that every write moves it on by at
   * least a second, so changes are strictly ordered. A clock of its own (a fixed start date) would sit days
   * behind the app's, which no real organization does; Tandem's cursors allow minutes of skew, not days.
   */
  ms: number;
  origin = 'http://127.0.0.1';

  constructor(
    private readonly spec: WitSpec,
    opts: FakeAzureDevOpsOptions = {},
  ) {
    this.organization = opts.organization ?? 'fabrikam';
    this.project = opts.project ?? 'Fabrikam';
    this.projects = [this.project, ...(opts.otherProjects ?? ['Other'])];
    this.pat = opts.pat ?? 'pat-for-tests';
    this.people = new Map(
      Object.entries(
        opts.people ?? { 'tandem@fabrikam.example': 'Tandem Bot', 'ana@fabrikam.example': 'Ana Lima' },
      ),
    );
    this.ms = opts.startMs ?? Date.now();
  }

  /** `https://dev.azure.com/fabrikam`, as served here. */
  get organizationUrl(): string {
    return `${this.origin}/${this.organization}`;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.serve(req).then(
        (reply) => {
          const isBytes = reply.bytes !== undefined;
          const text = isBytes ? undefined : reply.body === undefined ? '' : JSON.stringify(reply.body);
          res.writeHead(reply.status, {
            'content-type': isBytes ? 'application/octet-stream' : 'application/json; charset=utf-8',
            ...reply.headers,
          });
          res.end(isBytes ? Buffer.from(reply.bytes ?? new Uint8Array()) : text);
        },
        (err: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(err instanceof Error ? err.message : String(err));
        },
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    this.origin = `http://127.0.0.1:${address.port}`;
    return this.organizationUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next requests fail with these answers, in order. */
  fail(...replies: Reply[]): void {
    this.faults.push(...replies);
  }

  private tick(): string {
    this.ms = Math.max(this.ms + 1000, Date.now());
    return new Date(this.ms).toISOString();
  }

  private identity(uniqueName: string): Obj {
    const displayName = this.people.get(uniqueName) ?? uniqueName;
    const id = `00000000-0000-4000-8000-${Buffer.from(uniqueName).toString('hex').padEnd(12, '0').slice(0, 12)}`;
    return {
      displayName,
      url: `${this.origin}/_apis/Identities/${id}`,
      id,
      uniqueName,
      descriptor: `aad.${Buffer.from(uniqueName).toString('base64url')}`,
    };
  }

  private get owner(): string {
    return [...this.people.keys()][0] ?? 'tandem@fabrikam.example';
  }

  // ---- what people do in the browser (outside the API, not checked against the description) ----

  /** A person creates a work item. */
  userCreate(fields: Obj & { 'System.Title': string }, type = 'User Story', project = this.project): number {
    const now = this.tick();
    const id = ++this.seq;
    const base: Obj = {
      'System.Id': id,
      'System.TeamProject': project,
      'System.AreaPath': project,
      'System.IterationPath': project,
      'System.WorkItemType': type,
      'System.State': STATES[type]?.[0] ?? 'New',
      'System.Reason': 'New',
      'System.CreatedDate': now,
      'System.CreatedBy': this.identity('ana@fabrikam.example'),
      'System.ChangedDate': now,
      'System.ChangedBy': this.identity('ana@fabrikam.example'),
      'System.CommentCount': 0,
      'Microsoft.VSTS.Common.Priority': 2,
      'Microsoft.VSTS.Common.StateChangeDate': now,
    };
    this.items.set(id, {
      id,
      history: [{ rev: 1, fields: { ...base, ...fields, 'System.Rev': 1 }, relations: [] }],
    });
    return id;
  }

  /** A person edits fields of a work item. */
  userEdit(id: number, fields: Obj): void {
    const item = this.items.get(id);
    if (!item) throw new Error(`no work item ${id}`);
    this.revise(item, (r) => Object.assign(r.fields, fields), 'ana@fabrikam.example');
  }

  /** A person comments (HTML, as the editor writes it). */
  userComment(id: number, html: string): number {
    const item = this.items.get(id);
    if (!item) throw new Error(`no work item ${id}`);
    return this.addComment(item, html, 'ana@fabrikam.example').id;
  }

  current(id: number): Revision | undefined {
    return this.items.get(id)?.history.at(-1);
  }

  commentsOf(id: number): CommentState[] {
    return [...this.comments.values()].filter((c) => c.workItemId === id);
  }

  attachmentBytes(attachmentId: string): Uint8Array | undefined {
    return this.attachments.get(attachmentId)?.bytes;
  }

  private revise(item: WorkItemState, change: (r: Revision) => void, by = this.owner): Revision {
    const last = item.history.at(-1);
    if (!last) throw new Error('a work item without revisions');
    const next: Revision = {
      rev: last.rev + 1,
      fields: { ...last.fields },
      relations: last.relations.map((r) => ({ ...r, attributes: { ...r.attributes } })),
    };
    change(next);
    const now = this.tick();
    if (next.fields['System.State'] !== last.fields['System.State'])
      next.fields['Microsoft.VSTS.Common.StateChangeDate'] = now;
    next.fields['System.Rev'] = next.rev;
    next.fields['System.ChangedDate'] = now;
    next.fields['System.ChangedBy'] = this.identity(by);
    item.history.push(next);
    return next;
  }

  private addComment(item: WorkItemState, text: string, by: string): CommentState {
    const now = new Date(this.ms + 1000).toISOString();
    const c: CommentState = {
      id: ++this.commentSeq,
      workItemId: item.id,
      version: 1,
      text,
      by,
      created: now,
      modified: now,
      modifiedBy: by,
      isDeleted: false,
    };
    this.comments.set(c.id, c);
    // A comment is a new revision of the work item: its ChangedDate and CommentCount move.
    this.revise(
      item,
      (r) => (r.fields['System.CommentCount'] = Number(r.fields['System.CommentCount'] ?? 0) + 1),
      by,
    );
    return c;
  }

  // ---- the HTTP API ----

  private async serve(req: IncomingMessage): Promise<Reply> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    const raw = Buffer.concat(chunks);
    return this.handle(req.method ?? 'GET', req.url ?? '/', req.headers, raw);
  }

  handle(method: string, target: string, headers: IncomingMessage['headers'], raw: Buffer): Reply {
    const url = new URL(target, this.origin);
    this.calls.push(`${method} ${url.pathname}`);
    if (!this.authorized(headers.authorization))
      return { status: 401, headers: { 'www-authenticate': 'Basic realm="https://dev.azure.com/"' } };
    const fault = this.faults.shift();
    if (fault) return fault;
    const op = this.spec.match(method, url.pathname);
    if (!op) {
      this.violations.push(`${method} ${url.pathname}: no such operation in the description`);
      return { status: 404, body: error('The controller for path was not found.') };
    }
    const contentType = headers['content-type'];
    let body: unknown;
    if (raw.length > 0) {
      if (contentType?.startsWith('application/octet-stream')) body = raw;
      else
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          return { status: 400, body: error('VS402371: The request body is not valid JSON.') };
        }
    }
    const problems = this.spec.checkRequest(
      op,
      url.searchParams,
      contentType,
      Buffer.isBuffer(body) ? 'bytes' : body,
    );
    const wanted = this.spec.apiVersion(op);
    const asked = url.searchParams.get('api-version');
    if (asked !== null && asked !== wanted)
      problems.push(`${op.id}: api-version ${asked}, described for ${wanted}`);
    if (problems.length > 0) {
      this.violations.push(...problems);
      return { status: 400, body: error(problems.join('; ')) };
    }
    if (op.params.organization?.toLowerCase() !== this.organization.toLowerCase())
      return { status: 404, body: error(`TF400813: organization ${op.params.organization ?? ''} not found`) };
    const project = op.params.project;
    if (project !== undefined && !this.projects.some((p) => p.toLowerCase() === project.toLowerCase()))
      return { status: 404, body: error(`TF200016: The following project does not exist: ${project}.`) };
    let reply: Reply;
    try {
      reply = this.route(op, url.searchParams, body, project ?? this.project);
    } catch (err) {
      if (err instanceof Refusal) return { status: err.status, body: error(err.message) };
      if (err instanceof WiqlError) return { status: 400, body: error(err.message) };
      throw err;
    }
    if (reply.status < 300 && reply.bytes === undefined) {
      // Attachments_Create answers 201 (httpExamples/attachments) where the description names 200.
      const status = op.id === 'Attachments_Create' && reply.status === 201 ? 200 : reply.status;
      this.violations.push(...this.spec.checkResponse(op, status, reply.body ?? null));
    }
    return reply;
  }

  private authorized(header: string | undefined): boolean {
    const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
    if (!m?.[1]) return false;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1) === this.pat;
  }

  private route(op: WitOperation, query: URLSearchParams, body: unknown, project: string): Reply {
    const id = Number(op.params.id ?? op.params.workItemId);
    switch (op.id) {
      case 'Wiql_Query By Wiql':
        return this.wiql(body, query.get('timePrecision') === 'true');
      case 'Work Items_Get Work Items Batch':
        return this.batch(body);
      case 'Work Items_Get Work Item': {
        const item = this.inProject(id, project);
        return { status: 200, body: this.render(item, item.history.at(-1), query.get('$expand')) };
      }
      case 'Work Items_Create':
        return this.create(op.params.type ?? '', project, body, query.get('$expand'));
      case 'Work Items_Update': {
        const item = this.inProject(id, project);
        return { status: 200, body: this.render(item, this.applyPatch(item, body), query.get('$expand')) };
      }
      case 'Comments_Get Comments Batch':
        return this.listComments(this.inProject(id, project), query);
      case 'Comments_Add Comment': {
        const item = this.inProject(id, project);
        const text = isObj(body) && typeof body.text === 'string' ? body.text : '';
        if (text.trim() === '') throw new Refusal(400, 'VS403526: The comment text cannot be empty.');
        return { status: 200, body: this.renderComment(this.addComment(item, text, this.owner)) };
      }
      case 'Comments_Get Comment':
        return { status: 200, body: this.renderComment(this.comment(id, project, op.params.commentId)) };
      case 'Comments_Update Comment': {
        const c = this.comment(id, project, op.params.commentId);
        c.text = isObj(body) && typeof body.text === 'string' ? body.text : c.text;
        c.version += 1;
        c.modified = this.tick();
        c.modifiedBy = this.owner;
        return { status: 200, body: this.renderComment(c) };
      }
      case 'Comments_Delete': {
        const c = this.comment(id, project, op.params.commentId);
        c.isDeleted = true;
        const item = this.inProject(id, project);
        this.revise(
          item,
          (r) => (r.fields['System.CommentCount'] = Math.max(0, Number(r.fields['System.CommentCount']) - 1)),
        );
        return { status: 200 };
      }
      case 'Attachments_Create': {
        const fileName = query.get('fileName') ?? 'attachment';
        const bytes = Buffer.isBuffer(body) ? new Uint8Array(body) : new Uint8Array();
        const attachmentId = randomUUID();
        this.attachments.set(attachmentId, { fileName, bytes, created: new Date(this.ms).toISOString() });
        return {
          status: 201,
          body: {
            id: attachmentId,
            url: `${this.organizationUrl}/_apis/wit/attachments/${attachmentId}?fileName=${encodeURIComponent(fileName)}`,
          },
        };
      }
      case 'Attachments_Get': {
        const a = this.attachments.get(op.params.id ?? '');
        if (!a) throw new Refusal(404, `VS800075: The attachment ${op.params.id ?? ''} does not exist.`);
        return { status: 200, bytes: a.bytes };
      }
      default:
        throw new Refusal(404, `the fake does not implement ${op.id}`);
    }
  }

  private inProject(id: number, project: string): WorkItemState {
    const item = this.items.get(id);
    const p = item?.history.at(-1)?.fields['System.TeamProject'];
    if (!item || typeof p !== 'string' || p.toLowerCase() !== project.toLowerCase())
      throw new Refusal(
        404,
        `TF401232: Work item ${id} does not exist, or you do not have permissions to read it.`,
      );
    return item;
  }

  private comment(id: number, project: string, commentId: string | undefined): CommentState {
    this.inProject(id, project);
    const c = this.comments.get(Number(commentId));
    if (!c || c.workItemId !== id || c.isDeleted)
      throw new Refusal(404, `VS403529: Comment ${commentId ?? ''} on work item ${id} does not exist.`);
    return c;
  }

  private knownField = (ref: string): boolean => WRITABLE.has(ref) || READ_ONLY.has(ref);

  private wiql(body: unknown, timePrecision: boolean): Reply {
    const text = isObj(body) && typeof body.query === 'string' ? body.query : '';
    const q = parseWiql(text, this.knownField, timePrecision);
    const at = q.asOf === undefined ? this.ms : Date.parse(q.asOf);
    const rows: Obj[] = [];
    for (const item of this.items.values()) {
      const rev = [...item.history]
        .reverse()
        .find((r) => Date.parse(String(r.fields['System.ChangedDate'])) <= at);
      if (rev && q.where.every((c) => matches(rev.fields, c))) rows.push(rev.fields);
    }
    rows.sort((a, b) => order(a, b, q.orderBy));
    return {
      status: 200,
      body: {
        queryType: 'flat',
        queryResultType: 'workItem',
        asOf: new Date(at).toISOString(),
        columns: q.fields.map((f) => ({
          referenceName: f,
          name: f,
          url: `${this.organizationUrl}/_apis/wit/fields/${f}`,
        })),
        workItems: rows.map((f) => ({
          id: Number(f['System.Id']),
          url: `${this.organizationUrl}/_apis/wit/workItems/${String(f['System.Id'])}`,
        })),
      },
    };
  }

  private batch(body: unknown): Reply {
    if (!isObj(body) || !Array.isArray(body.ids)) throw new Refusal(400, 'VS403494: ids are required');
    if (body.ids.length > 200)
      throw new Refusal(400, 'VS403474: The maximum number of work items in a batch is 200.');
    const omit = body.errorPolicy === 'omit';
    const value = body.ids.map((id) => {
      const item = this.items.get(Number(id));
      if (!item) {
        if (omit) return null;
        throw new Refusal(404, `TF401232: Work item ${String(id)} does not exist.`);
      }
      return this.render(item, item.history.at(-1), typeof body.$expand === 'string' ? body.$expand : null);
    });
    return { status: 200, body: { count: value.length, value } };
  }

  private render(item: WorkItemState, rev: Revision | undefined, expand: string | null): Obj {
    if (!rev) throw new Error('no revision');
    const withRelations =
      expand === 'relations' || expand === 'all' || expand === 'Relations' || expand === 'All';
    const fields = Object.fromEntries(
      Object.entries(rev.fields).filter(([, v]) => v !== undefined && v !== ''),
    );
    return {
      id: item.id,
      rev: rev.rev,
      fields,
      ...(withRelations && rev.relations.length > 0 ? { relations: rev.relations } : {}),
      _links: { self: { href: `${this.organizationUrl}/_apis/wit/workItems/${item.id}` } },
      url: `${this.organizationUrl}/_apis/wit/workItems/${item.id}`,
    };
  }

  private create(type: string, project: string, body: unknown, expand: string | null): Reply {
    if (!STATES[type])
      throw new Refusal(404, `VS402323: Work item type ${type} does not exist in project ${project}.`);
    const id = this.userCreate({ 'System.Title': '' }, type, project);
    const item = this.items.get(id);
    if (!item) throw new Error('lost a work item');
    const first = item.history[0];
    if (first) {
      first.fields['System.CreatedBy'] = this.identity(this.owner);
      first.fields['System.ChangedBy'] = this.identity(this.owner);
    }
    try {
      const rev = this.applyOps(item, body, true);
      return { status: 200, body: this.render(item, rev, expand) };
    } catch (err) {
      // A refused create leaves nothing behind.
      this.items.delete(id);
      throw err;
    }
  }

  private applyPatch(item: WorkItemState, body: unknown): Revision {
    return this.applyOps(item, body, false);
  }

  private applyOps(item: WorkItemState, body: unknown, creating: boolean): Revision {
    if (!Array.isArray(body))
      throw new Refusal(400, 'VS403402: A JSON Patch document is an array of operations.');
    const last = item.history.at(-1);
    if (!last) throw new Error('no revision');
    const draft: Revision = {
      rev: last.rev,
      fields: { ...last.fields },
      relations: last.relations.map((r) => ({ ...r, attributes: { ...r.attributes } })),
    };
    for (const raw of body) {
      if (!isObj(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string')
        throw new Refusal(400, 'VS403402: each operation needs op and path');
      const { op, path, value } = raw;
      if (op === 'test') {
        if (path !== '/rev' && !path.startsWith('/fields/'))
          throw new Refusal(400, `VS403402: test on ${path} is not supported`);
        const actual = path === '/rev' ? last.rev : draft.fields[path.slice('/fields/'.length)];
        if (JSON.stringify(actual) !== JSON.stringify(value))
          throw new Refusal(
            409,
            `TF26071: This work item has been changed by someone else since you opened it. You will need to refresh it and discard your changes. (test ${path}: ${JSON.stringify(value)}, is ${JSON.stringify(actual)})`,
          );
        continue;
      }
      if (path.startsWith('/fields/')) {
        const ref = path.slice('/fields/'.length);
        if (READ_ONLY.has(ref))
          throw new Refusal(400, `TF401326: Invalid field status 'ReadOnly' for field '${ref}'.`);
        if (!WRITABLE.has(ref)) throw new Refusal(400, `TF51535: Cannot find field ${ref}.`);
        if (op === 'remove') draft.fields[ref] = undefined;
        else if (op === 'add' || op === 'replace') draft.fields[ref] = this.fieldValue(ref, value, draft);
        else throw new Refusal(400, `VS403402: ${op} is not supported on fields`);
        continue;
      }
      if (path === '/relations/-' && op === 'add') {
        draft.relations.push(this.relation(value));
        continue;
      }
      const index = /^\/relations\/(\d+)$/.exec(path)?.[1];
      if (index !== undefined && op === 'remove') {
        if (Number(index) >= draft.relations.length)
          throw new Refusal(400, `VS403402: there is no relation at index ${index}`);
        draft.relations.splice(Number(index), 1);
        continue;
      }
      throw new Refusal(400, `VS403402: ${op} ${path} is not a supported operation`);
    }
    const type = String(draft.fields['System.WorkItemType']);
    if (textOf(draft.fields['System.Title']).trim() === '')
      throw new Refusal(400, 'TF401320: Rule Error for field Title. Error code: Required, InvalidEmpty.');
    if (!STATES[type]?.includes(String(draft.fields['System.State'])))
      throw new Refusal(
        400,
        `TF401320: Rule Error for field State. Error code: Required, HasValues, LimitedToValues, AllowsOldValue, InvalidEmpty. (${String(draft.fields['System.State'])} is not a state of ${type})`,
      );
    if (creating) {
      const first = item.history[0];
      if (first) {
        first.fields = { ...draft.fields };
        first.relations = draft.relations;
      }
      return item.history[0] ?? draft;
    }
    return this.revise(item, (r) => {
      r.fields = { ...draft.fields };
      r.relations = draft.relations;
    });
  }

  private fieldValue(ref: string, value: unknown, draft: Revision): unknown {
    if (ref === 'System.AssignedTo') {
      if (value === '' || value === null) return undefined;
      const name = typeof value === 'string' ? (/<([^>]+)>/.exec(value)?.[1] ?? value) : '';
      if (!this.people.has(name))
        throw new Refusal(
          400,
          `TF401320: Rule Error for field Assigned To. Error code: HasValues, LimitedToValues. (unknown identity ${JSON.stringify(value)})`,
        );
      return this.identity(name);
    }
    if (ref === 'Microsoft.VSTS.Common.Priority') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 4)
        throw new Refusal(400, 'TF401320: Rule Error for field Priority. Error code: LimitedToValues.');
      return n;
    }
    if (ref === 'System.Tags') {
      // Tags are kept as the service shows them: trimmed, sorted, `; `-separated.
      const tags = textOf(value)
        .split(';')
        .map((t) => t.trim())
        .filter((t) => t !== '');
      return [...new Set(tags)].sort((a, b) => a.localeCompare(b)).join('; ');
    }
    if (ref === 'System.State' && draft.fields['System.State'] !== value)
      draft.fields['System.Reason'] = `Moved to state ${String(value)}`;
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new Refusal(400, `TF401320: Rule Error for field ${ref}: the value is not text`);
    return value;
  }

  private relation(value: unknown): Relation {
    if (!isObj(value) || typeof value.rel !== 'string' || typeof value.url !== 'string')
      throw new Refusal(400, 'VS403402: a relation needs rel and url');
    const attributes = isObj(value.attributes) ? { ...value.attributes } : {};
    if (value.rel === 'AttachedFile') {
      const attachmentId = value.url.split('?')[0]?.split('/').pop() ?? '';
      const a = this.attachments.get(attachmentId);
      if (!a) throw new Refusal(400, `VS402860: The attachment ${value.url} does not exist.`);
      const now = new Date(this.ms + 1000).toISOString();
      Object.assign(attributes, {
        authorizedDate: now,
        id: this.attachments.size,
        resourceCreatedDate: a.created,
        resourceModifiedDate: a.created,
        revisedDate: '9999-01-01T00:00:00Z',
        resourceSize: a.bytes.length,
        name: a.fileName,
      });
    }
    return { rel: value.rel, url: value.url, attributes };
  }

  private listComments(item: WorkItemState, query: URLSearchParams): Reply {
    const all = this.commentsOf(item.id)
      .filter((c) => !c.isDeleted || query.get('includeDeleted') === 'true')
      .sort((a, b) => (query.get('order') === 'desc' ? b.id - a.id : a.id - b.id));
    const top = Number(query.get('$top') ?? 200);
    const start = Number(query.get('continuationToken') ?? 0);
    const page = all.slice(start, start + top);
    const more = start + top < all.length;
    return {
      status: 200,
      body: {
        totalCount: all.length,
        count: page.length,
        comments: page.map((c) => this.renderComment(c)),
        ...(more ? { continuationToken: String(start + top) } : {}),
        url: `${this.organizationUrl}/${this.project}/_apis/wit/workItems/${item.id}/comments`,
      },
    };
  }

  private renderComment(c: CommentState): Obj {
    return {
      workItemId: c.workItemId,
      id: c.id,
      version: c.version,
      text: c.text,
      renderedText: c.text,
      format: 'html',
      createdBy: this.identity(c.by),
      createdDate: c.created,
      modifiedBy: this.identity(c.modifiedBy),
      modifiedDate: c.modified,
      isDeleted: c.isDeleted,
      url: `${this.organizationUrl}/${this.project}/_apis/wit/workItems/${c.workItemId}/comments/${c.id}`,
    };
  }
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const error = (message: string) => ({
  $id: '1',
  innerException: null,
  message,
  typeName: 'Microsoft.TeamFoundation.WorkItemTracking.Server.WorkItemTrackingException',
  typeKey: 'WorkItemTrackingException',
  errorCode: 0,
  eventId: 3200,
});
