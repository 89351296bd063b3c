/**
 * Bench data, written straight into the emulator's state (as the demo seed does) so seeding 10,000 issues
 * takes seconds, and edits made without product events so each phase measures the scheduled path alone.
 */
import type { JiraEmulator } from '../sandbox/jira';
import { textToAdf } from '../sandbox/jira';
import { siteAdminActor } from '../sandbox/jira/domain/actor';
import { createIssue, editIssue } from '../sandbox/jira/domain/issue-ops';
import { storeComment } from '../sandbox/jira/domain/store-comment';
import type { Site } from '../sandbox/jira/site';

/**
 * A real tenant's issues were written before the app was installed, not in the minute before its first
 * listing; the seed dates them a day back, so the cycles after the backfill are measured as they would run
 * there rather than re-reading a seed that sits inside the cursor's overlap.
 */
const SEED_AGE_MS = 24 * 60 * 60_000;

export function seedPartnerIssues(emulator: JiraEmulator, count: number, commentsEach: number) {
  const partner = emulator.site('partner');
  const local = emulator.site('local');
  const actor = siteAdminActor(partner);
  const seededAt = partner.now() - SEED_AGE_MS;
  for (let i = 0; i < count; i++) {
    const issue = createIssue(partner, actor, {
      fields: {
        project: { key: 'PARTNER' },
        issuetype: { name: 'Task' },
        summary: `Bench issue ${i + 1}`,
        description: textToAdf(`Generated for the benchmark, number ${i + 1}.`),
        labels: i % 3 === 0 ? ['bench'] : [],
      },
    });
    issue.created = seededAt;
    issue.updated = seededAt;
    issue.statusCategoryChanged = seededAt;
    for (let c = 0; c < commentsEach; c++)
      storeComment(partner, issue, actor.accountId, textToAdf(`Comment ${c + 1} on bench issue ${i + 1}.`), {
        at: seededAt,
      });
  }
  partner.drainEvents();
  const countComments = (site: Site, project: string) => {
    const ids = new Set(
      Object.values(site.state.issues)
        .filter((i) => i.key.startsWith(`${project}-`))
        .map((i) => i.id),
    );
    return Object.values(site.state.comments).filter((c) => ids.has(c.issueId)).length;
  };
  const issuesOf = (site: Site, project: string) =>
    Object.values(site.state.issues).filter((i) => i.key.startsWith(`${project}-`)).length;
  return {
    issues: issuesOf(partner, 'PARTNER'),
    localIssues: issuesOf(local, 'DEMO'),
    comments: countComments(partner, 'PARTNER') + countComments(local, 'DEMO'),
  };
}

/** Edits `perSide` original issues on each site; returns how many issues changed in all. */
export function editIssues(emulator: JiraEmulator, perSide: number): number {
  let changed = 0;
  for (const [name, project] of [
    ['local', 'DEMO'],
    ['partner', 'PARTNER'],
  ] as const) {
    const site = emulator.site(name);
    const actor = siteAdminActor(site);
    const originals = Object.values(site.state.issues)
      .filter((i) => i.key.startsWith(`${project}-`) && Object.keys(i.properties).length === 0)
      .slice(0, perSide);
    for (const issue of originals) {
      editIssue(site, actor, issue, { fields: { summary: `${issue.summary} (edited)` } });
      changed += 1;
    }
    site.drainEvents();
  }
  return changed;
}
