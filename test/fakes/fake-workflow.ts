/**
 * A workflow for the fake tracker, as Jira has them: statuses change only by transitions, a transition's
 * screen may require fields, and a refused transition changes nothing (Jira answers 400 with the field's
 * error). The walk itself is the core's (walk-to-status.ts), so the tests exercise the real path-finding.
 */
import { TrackerError } from '../../src/core/errors';
import type { Json, JsonObject } from '../../src/core/model';
import { getPath } from '../../src/core/paths';
import type { StatusWalker } from '../../src/core/workflow/walk-to-status';

export interface FakeWorkflow {
  /** Where the status is held: `status.name`, `state`. */
  path: string;
  initial: string;
  transitions: {
    id: string;
    name: string;
    from: readonly string[] | 'any';
    to: string;
    requires?: string[];
  }[];
  /** Whether the whole workflow can be read (a Jira admin can); default true. */
  readable?: boolean;
}

export function fakeWalker(
  wf: FakeWorkflow,
  issue: { fields: () => JsonObject; move: (to: string) => void },
): StatusWalker {
  const current = () => {
    const status = getPath(issue.fields(), wf.path);
    return typeof status === 'string' ? status : wf.initial;
  };
  const offered = () =>
    wf.transitions
      .filter((t) => (t.from === 'any' ? t.to !== current() : t.from.includes(current())))
      .map((t) => ({ ...t, fields: (t.requires ?? []).map((id) => ({ id, name: id, required: true })) }));
  return {
    current: () => Promise.resolve(current()),
    offered: () => Promise.resolve(offered()),
    take: (t, screen: Record<string, Json>) => {
      const now = offered().find((o) => o.id === t.id);
      if (!now) return Promise.reject(new TrackerError('invalid_request', `transition ${t.id} is not valid`));
      const missing = now.fields.find((f) => screen[f.id] === undefined || screen[f.id] === null);
      if (missing) return Promise.reject(new TrackerError('invalid_request', `${missing.id} is required`));
      issue.move(t.to);
      return Promise.resolve();
    },
    ...(wf.readable === false ? {} : { workflow: () => Promise.resolve({ transitions: wf.transitions }) }),
  };
}
