/**
 * The TrackerPort contract suite: every promise of `TrackerPort` (src/core/ports.ts) that the engine relies
 * on, as one `describe` block that any connector runs against its own world.
 *
 * HOW A CONNECTOR PLUGS IN
 * 1. Write `test/connectors/contract/<kind>.contract.test.ts` that calls
 *    `describeTrackerContract('<Kind> on <its world>', makeSubject)`.
 * 2. `makeSubject()` starts (or reuses) the tracker's world (a fake validated by the API's description, an
 *    emulator or a real server), a FRESH project or repository each time (the suite counts what it holds),
 *    and answers a `ContractSubject`: the connector's TrackerPort over that world, and the test-side hooks
 *    below that act on the world as a person would (never through the port).
 * 3. The port's `capabilities` must equal what the connector registry declares for the kind (check it in
 *    the runner: `expect(subject.tracker.capabilities).toEqual(CONNECTORS.<kind>.capabilities)`); the suite
 *    then checks the behaviour each declaration promises, so a missing capability is tested, not skipped.
 * 4. If the world collects contract violations (OpenAPI or schema checks of requests and answers), return
 *    them from `violations()`: the suite expects none after every case.
 *
 * Each case says in its name the promise it checks; a failure names the broken promise.
 */
import type { FieldPatch, Json } from '../../../src/core/model';
import type { TrackerPort } from '../../../src/core/ports';
import { attachmentCases } from './cases/attachments';
import { bulkCreateCases } from './cases/bulk-create';
import { commentCases } from './cases/comments';
import { declarationCases } from './cases/declarations';
import { hierarchyCases } from './cases/hierarchy';
import { linkCases } from './cases/links';
import { listingCases } from './cases/listing';
import { lookupCases } from './cases/lookups';
import { worklogCases } from './cases/worklogs';
import { writeCases } from './cases/writes';

export interface ContractSubject {
  /** The connector under test. */
  readonly tracker: TrackerPort;
  /**
   * A second instance of the connector over the same world with nothing cached, as after a crash and a new
   * invocation: it must find what the first one wrote.
   */
  restart(): TrackerPort | Promise<TrackerPort>;
  /** The tracker's field paths for an issue's title and body (the body in the tracker's own format). */
  readonly paths: { title: string; body: string; labels?: string };
  /**
   * Two statuses (or states) the port moves an issue between, and the path they are read and written at;
   * stepwise trackers (Jira) walk their workflow. Absent when the tracker has no status the suite may set.
   */
  readonly status?: { path: string; from: string; to: string };
  /** How the tracker holds a Markdown body written through the port (Markdown itself, or Jira's ADF). */
  heldBody(markdown: string): Json;
  /**
   * What the tracker keeps of a worklog's start (ISO): the start itself (Jira), or the day's midnight UTC for
   * a tracker that keeps only the date (Redmine's `spent_on`). Absent: the start itself.
   */
  heldWorklogStart?(started: string): string;
  /**
   * Fields of an issue that may be a parent and of one that may be its child, required when the tracker
   * declares hierarchy (Jira: an epic and a task; Redmine and GitHub: any two issues, `{}`).
   */
  readonly hierarchy?: { parent: FieldPatch; child: FieldPatch };
  /** Issues per `listUpdatedSince` page, so the suite can make a listing span two pages. */
  readonly pageSize: number;
  /** How coarse `since` is: the listing may also answer issues updated up to this long before it (Jira: a minute). */
  readonly sinceResolutionMs?: number;
  /** A person creates issues on the tracker, outside the port; answers their ids in creation order. */
  personCreates(titles: readonly string[]): Promise<string[]>;
  /** A person changes an issue's title on the tracker. */
  personEditsTitle(id: string, title: string): Promise<void>;
  /** A person comments on an issue; answers the comment's id. */
  personComments(id: string, markdown: string): Promise<string>;
  /**
   * Moves the tracker's clock past its timestamp resolution, so the next change is strictly later than the
   * last: a fake's clock moves on, a real server is waited for.
   */
  advance(): Promise<void>;
  /** An id in the tracker's own form that no issue has (writes to it fail `not_found`). */
  readonly missingId: string;
  /** Refs in the tracker's own form that name no issue in scope (a number never used, another project's key). */
  readonly outOfScopeRefs: readonly string[];
  /** A link type the tracker has, when it declares issue links ("Blocks" in Jira). */
  readonly linkType?: string;
  /**
   * The partner links the tracker holds on an issue, read outside the port; required when it declares
   * partner links, so the suite can see a second write update the first instead of adding one.
   */
  partnerLinksOf?(id: string): Promise<{ globalId: string; title: string }[]>;
  /**
   * Fields the tracker refuses to create an issue with, and what its refusal says (Jira: a label with a
   * space); required when it declares bulk create, so the suite can see one item refused alone.
   */
  readonly refusedCreate?: { fields: FieldPatch; reason: RegExp };
  /** Problems the world's own contract checks found (OpenAPI, schema); the suite expects none. */
  violations?(): readonly string[];
  /** Stops what `makeSubject` started for this subject (shared servers stop in the runner's afterAll). */
  close?(): Promise<void>;
}

/** What each group of cases receives: the current subject, made fresh for every case. */
export type SubjectRef = () => ContractSubject;

const CASE_GROUPS = {
  declarations: declarationCases,
  listing: listingCases,
  lookups: lookupCases,
  writes: writeCases,
  bulkCreate: bulkCreateCases,
  comments: commentCases,
  attachments: attachmentCases,
  links: linkCases,
  worklogs: worklogCases,
  hierarchy: hierarchyCases,
} as const;
export type CaseGroup = keyof typeof CASE_GROUPS;

/**
 * `knownGaps`: groups a subject is known to fail for a reason on record, shown as skipped with that reason
 * rather than left out unseen.
 */
export function describeTrackerContract(
  name: string,
  makeSubject: () => Promise<ContractSubject>,
  options: { timeoutMs?: number; knownGaps?: { groups: readonly CaseGroup[]; why: string } } = {},
): void {
  describe(`TrackerPort contract: ${name}`, () => {
    let current: ContractSubject | undefined;
    const subject: SubjectRef = () => {
      if (!current) throw new Error('no subject: makeSubject has not run');
      return current;
    };
    if (options.timeoutMs !== undefined) jest.setTimeout(options.timeoutMs);

    beforeEach(async () => {
      current = await makeSubject();
    });
    afterEach(async () => {
      const s = current;
      current = undefined;
      await s?.close?.();
      expect(s?.violations?.() ?? []).toEqual([]);
    });

    for (const [group, cases] of Object.entries(CASE_GROUPS)) {
      const gap = options.knownGaps;
      if (gap?.groups.includes(group as CaseGroup))
        describe.skip(`${group} (known gap: ${gap.why})`, () => {
          cases(subject);
        });
      else cases(subject);
    }
  });
}
