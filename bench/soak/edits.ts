/**
 * One person's random edit on one site, through the REST API: fields, transitions, labels, comments added,
 * edited and deleted, attachments and issue links, new and deleted issues. Comments are edited or deleted only where
 * they were written (the original), as a person would: a copy edited by hand is a person's choice to
 * diverge, not something the sync promises to undo.
 */
import { z } from 'zod';
import { PROJECT, type Issue, type Site, type Sites } from './sites';

export type Random = () => number;
export const pick = <T>(random: Random, items: readonly T[]): T | undefined =>
  items.length === 0 ? undefined : items[Math.floor(random() * items.length)];

const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

export interface EditLog {
  /** What was done, for the report of a failing run: "partner PARTNER-3: comment added". */
  lines: string[];
  /** Comments the soak wrote, by site and id, so it edits and deletes originals only. */
  comments: Map<string, { site: Site; issueKey: string }>;
}

const KINDS = [
  'create',
  'summary',
  'labels',
  'transition',
  'comment',
  'edit-comment',
  'delete-comment',
  'attachment',
  'link',
  'delete-issue',
] as const;
export type EditKind = (typeof KINDS)[number];

export async function randomEdit(sites: Sites, random: Random, log: EditLog, tag: string): Promise<void> {
  const site: Site = random() < 0.5 ? 'local' : 'partner';
  const kind = pick(random, KINDS) ?? 'summary';
  const issues = await sites.all(site);
  const issue = pick(random, issues);
  const note = (what: string, key = issue?.key ?? '-'): void => {
    log.lines.push(`${tag} ${site} ${key}: ${what}`);
  };
  const expect = (status: number, ok: number[], what: string) => {
    if (!ok.includes(status)) throw new Error(`soak edit "${what}" on ${site} got HTTP ${status}`);
  };
  if (kind === 'create' || !issue) {
    const { status, json } = await sites.rest(site, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: PROJECT[site] }, issuetype: { name: 'Task' }, summary: `Soak ${tag} new` },
    });
    expect(status, [201], 'create');
    note('created', z.object({ key: z.string() }).parse(json).key);
    return;
  }
  switch (kind) {
    case 'summary': {
      const { status } = await sites.rest(site, 'PUT', `/rest/api/3/issue/${issue.key}`, {
        fields: { summary: `${issue.fields.summary.replace(/ \(edited [^)]*\)$/, '')} (edited ${tag})` },
      });
      expect(status, [204], 'summary');
      note('summary edited');
      return;
    }
    case 'labels': {
      const label = `soak-${Math.floor(random() * 5)}`;
      const has = issue.fields.labels.includes(label);
      const { status } = await sites.rest(site, 'PUT', `/rest/api/3/issue/${issue.key}`, {
        update: { labels: [has ? { remove: label } : { add: label }] },
      });
      expect(status, [204], 'labels');
      note(`label ${label} ${has ? 'removed' : 'added'}`);
      return;
    }
    case 'transition':
      return transition(sites, random, site, issue, note);
    case 'comment':
      return addComment(sites, site, issue, log, tag, note);
    case 'edit-comment':
    case 'delete-comment': {
      const mine = [...log.comments].filter(([, c]) => c.site === site && c.issueKey === issue.key);
      const chosen = pick(random, mine);
      if (!chosen) return addComment(sites, site, issue, log, tag, note);
      const [id] = chosen;
      const path = `/rest/api/3/issue/${issue.key}/comment/${id}`;
      if (kind === 'edit-comment') {
        const { status } = await sites.rest(site, 'PUT', path, { body: adf(`Comment edited in ${tag}`) });
        expect(status, [200], 'edit comment');
        note(`comment ${id} edited`);
        return;
      }
      const { status } = await sites.rest(site, 'DELETE', path);
      expect(status, [204], 'delete comment');
      log.comments.delete(id);
      note(`comment ${id} deleted`);
      return;
    }
    case 'attachment': {
      const form = new FormData();
      form.append('file', new Blob([`soak ${tag}`], { type: 'text/plain' }), `soak-${tag}.txt`);
      const { status } = await sites.rest(site, 'POST', `/rest/api/3/issue/${issue.key}/attachments`, form, {
        'X-Atlassian-Token': 'no-check',
      });
      expect(status, [200], 'attachment');
      note('file attached');
      return;
    }
    case 'delete-issue': {
      // Rarer than other edits (half the picks go ahead), so the pairs are not all gone after 1,000 rounds.
      if (random() < 0.5) return addComment(sites, site, issue, log, tag, note);
      // Jira deletes the issue with its comments, attachments and links (DELETE /rest/api/3/issue/{key}).
      const { status } = await sites.rest(site, 'DELETE', `/rest/api/3/issue/${issue.key}`);
      expect(status, [204], 'delete issue');
      for (const [id, c] of log.comments) if (c.issueKey === issue.key) log.comments.delete(id);
      note('issue deleted');
      return;
    }
    case 'link': {
      const other = pick(
        random,
        issues.filter((i) => i.key !== issue.key),
      );
      if (!other) return;
      const { status } = await sites.rest(site, 'POST', '/rest/api/3/issueLink', {
        type: { name: 'Blocks' },
        inwardIssue: { key: issue.key },
        outwardIssue: { key: other.key },
      });
      expect(status, [201], 'link');
      note(`linked to ${other.key}`);
      return;
    }
  }
}

async function transition(
  sites: Sites,
  random: Random,
  site: Site,
  issue: Issue,
  note: (what: string) => void,
): Promise<void> {
  const { json } = await sites.rest(site, 'GET', `/rest/api/3/issue/${issue.key}/transitions`);
  const list = z
    .object({
      transitions: z.array(z.looseObject({ id: z.string(), to: z.looseObject({ name: z.string() }) })),
    })
    .parse(json).transitions;
  const t = pick(random, list);
  if (!t) return;
  const { status } = await sites.rest(site, 'POST', `/rest/api/3/issue/${issue.key}/transitions`, {
    transition: { id: t.id },
  });
  // A transition whose screen needs a field (resolution) is refused without it: a person would fill it in.
  if (status === 400) {
    const retry = await sites.rest(site, 'POST', `/rest/api/3/issue/${issue.key}/transitions`, {
      transition: { id: t.id },
      fields: { resolution: { name: 'Done' } },
    });
    if (retry.status !== 204) {
      note(`transition to ${t.to.name} refused (${retry.status})`);
      return;
    }
  } else if (status !== 204) throw new Error(`soak transition on ${site} got HTTP ${status}`);
  note(`moved to ${t.to.name}`);
}

async function addComment(
  sites: Sites,
  site: Site,
  issue: Issue,
  log: EditLog,
  tag: string,
  note: (what: string) => void,
): Promise<void> {
  const { status, json } = await sites.rest(site, 'POST', `/rest/api/3/issue/${issue.key}/comment`, {
    body: adf(`Comment from ${tag}`),
  });
  if (status !== 201) throw new Error(`soak comment on ${site} got HTTP ${status}`);
  const id = z.object({ id: z.string() }).parse(json).id;
  log.comments.set(id, { site, issueKey: issue.key });
  note(`comment ${id} added`);
}
