/**
 * A SyncPlan as the Safety section lists it: one line per mutation, with the issue it writes to, so an
 * admin can read a held plan before approving it. Long plans are cut, with the count of what was left out.
 */
import type { Mutation, SyncPlan } from '../../core/plan';
import { countBySide } from '../../core/plan';
import type { MutationView, PlanView } from '../../core/schema/resolver-answers';
import { describeValue } from './describe-value';

const MAX_LISTED = 200;

export function planView(plan: SyncPlan): PlanView {
  const refs = new Map(plan.pairs.map((p) => [p.pairId, p]));
  const listed = plan.mutations.slice(0, MAX_LISTED).map((m): MutationView => {
    const target = refs.get(m.pairId)?.[m.side];
    return {
      key: m.key,
      side: m.side,
      kind: m.kind,
      issue: m.kind === 'create-issue' ? 'new issue' : (target?.key ?? 'new issue'),
      issueUrl: m.kind === 'create-issue' ? null : (target?.url ?? null),
      detail: detailOf(m, refs.get(m.pairId)?.[m.side === 'local' ? 'remote' : 'local']?.key),
    };
  });
  return {
    id: plan.id,
    createdAt: plan.createdAt,
    ...countBySide(plan),
    approvedAt: plan.approvedAt ?? null,
    mutations: listed,
    more: plan.mutations.length - listed.length,
  };
}

function fieldsLine(fields: Record<string, unknown>, values: (k: string) => string): string {
  const names = Object.keys(fields);
  return names.map((k) => `${k} → ${values(k)}`).join('; ');
}

const minutes = (seconds: number) => `${Math.round(seconds / 60)} min`;

function detailOf(m: Mutation, partnerKey: string | undefined): string {
  switch (m.kind) {
    case 'create-issue': {
      const title = m.fields.summary ?? m.fields.title;
      const from = partnerKey ? ` as a copy of ${partnerKey}` : '';
      return `Create${title === undefined ? ' an issue' : ` "${describeValue(title)}"`}${from}`;
    }
    case 'update-issue':
      return `Update ${fieldsLine(m.patch, (k) => `"${describeValue(m.patch[k])}"`)}`;
    case 'add-comment':
      return `Copy a comment: "${describeValue(m.body)}"`;
    case 'update-comment':
      return `Update a copied comment: "${describeValue(m.body)}"`;
    case 'delete-comment':
      return 'Delete a copied comment whose original was deleted';
    case 'add-message':
      return `Add a comment: "${describeValue(m.body)}"`;
    case 'upload-attachment':
      return `Copy the file ${m.filename}`;
    case 'delete-attachment':
      return 'Delete a copied file whose original was deleted';
    case 'add-issue-link':
      return `Link to the partner of ${m.linkKey.split('>').slice(1).join('>')} (${m.type})`;
    case 'delete-issue-link':
      return `Delete a ${m.linkKey.split('>')[0] ?? ''} link whose copy was deleted`;
    case 'add-worklog':
      return `Copy a work log of ${minutes(m.worklog.timeSpentSeconds)}`;
    case 'update-worklog':
      return `Update a copied work log to ${minutes(m.worklog.timeSpentSeconds)}`;
    case 'delete-worklog':
      return 'Delete a copied work log whose original was deleted';
    case 'set-parent':
      return m.parentId === null
        ? 'Remove the parent, as on the partner'
        : `Move under the partner of the parent it has there (${m.synced.pairId ?? ''})`;
  }
}
