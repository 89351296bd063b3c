/**
 * What a tracker can hold beyond issues and comments, declared by each connector (on its TrackerPort and in
 * the connector registry) rather than discovered by a failing write. The contract suite
 * (test/connectors/contract) checks that a connector behaves as it declares, and rule validation
 * (core/rules/rule-capabilities) refuses, when a connection is saved, a rule that needs what the tracker lacks.
 */
export interface TrackerCapabilities {
  /**
   * Issues hold files. Without: `listAttachments` answers [], `uploadAttachment` is refused with an
   * `invalid_request` TrackerError saying why and writes nothing, `downloadAttachment` and
   * `deleteAttachment` answer `not_found`.
   */
  readonly attachments: boolean;
  /**
   * Issues link to other issues of the same tracker: `addIssueLink` and `deleteIssueLink` exist and issues
   * are read with `links`. Without: neither method exists.
   */
  readonly issueLinks: boolean;
  /** The tracker can hold a link to the partner issue (`linkToPartner` exists). */
  readonly partnerLinks: boolean;
  /**
   * Several issues are created in one call (`createIssues` exists; Jira's `POST /rest/api/3/issue/bulk`,
   * 50 a call). Without: the engine creates copies one by one with `createIssue`.
   */
  readonly bulkCreate: boolean;
  /**
   * Time is booked on issues (Jira worklogs, Redmine time entries): `listWorklogs`, `addWorklog`,
   * `updateWorklog` and `deleteWorklog` exist. Without: none of them exists.
   */
  readonly worklogs: boolean;
  /**
   * Issues have parents (Jira's epics, parents and sub-tasks): issues are read with `hierarchy`, and the
   * `parent` path of `createIssue` and `updateIssue` (PARENT_PATH) sets the parent by its issue id on this
   * tracker, or removes it with null. Without: issues come without `hierarchy` and `parent` is refused.
   */
  readonly hierarchy: boolean;
}

export type Capability = keyof TrackerCapabilities;

/** What each capability means to an admin, for refusals: "GitHub has no attachments". */
export const CAPABILITY_NAMES: Record<Capability, string> = {
  attachments: 'attachments',
  issueLinks: 'issue links',
  partnerLinks: 'links to the partner issue',
  bulkCreate: 'bulk create',
  worklogs: 'work logs',
  hierarchy: 'parents and sub-tasks',
};
