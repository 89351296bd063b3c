/** Parts the issue view and the plain view share: ADF as text, the comment thread, the details card. */
import { z } from 'zod';
import { adfToText } from '../../jira';
import { html, type SafeHtml } from '../html';
import type { IssueDetails } from '../jira/issue-data';
import { avatar, formatDate, person } from '../look/components';

/** ADF from Jira is JSON; anything else renders as no text. */
export function adfText(value: unknown): string {
  const json = z.json().safeParse(value);
  return json.success ? adfToText(json.data) : '';
}

export function commentList(d: IssueDetails): SafeHtml[] {
  return d.comments.map((c) => {
    const name = c.author?.displayName ?? c.author?.accountId ?? 'Unknown';
    return html`<article class="comment">
      ${avatar(name, c.author?.accountId ?? name, 'large')}
      <div>
        <div><span class="who">${name}</span><span class="when">${formatDate(c.created)}</span></div>
        <div class="text">${adfText(c.body)}</div>
      </div>
    </article>`;
  });
}

export function detailsCard(d: IssueDetails, withTimes: boolean): SafeHtml {
  const f = d.issue.fields;
  const labels =
    f.labels.length > 0
      ? f.labels.map((l) => html`<span class="tag">${l}</span>`)
      : html`<span class="subtle">None</span>`;
  const times = html`<div class="meta-times">
    Created ${formatDate(f.created)}<br />Updated ${formatDate(f.updated)}
  </div>`;
  return html`<section class="card" aria-label="Details">
    <header>Details</header>
    <div class="body">
      <dl class="details">
        <dt>Assignee</dt>
        <dd>${person(f.assignee)}</dd>
        <dt>Reporter</dt>
        <dd>${person(f.reporter)}</dd>
        <dt>Labels</dt>
        <dd>${labels}</dd>
        <dt>Priority</dt>
        <dd>${f.priority?.name ?? 'None'}</dd>
        ${d.customFields.map(
          (c) =>
            html`<dt>${c.name}</dt>
              <dd>${c.value}</dd>`,
        )}
      </dl>
      ${withTimes ? times : ''}
    </div>
  </section>`;
}
