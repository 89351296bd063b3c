/**
 * Safety: the mutation limit, the plan held for approval (Approve runs it once; Discard drops it), and a
 * dry run that shows what the next cycle would do without writing anything.
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { useState, type ReactNode } from 'react';
import type { AnswerOf, ConnectionView } from '../../../../../src/core/schema/resolver-answers';
import { MaxMutationsSchema } from '../../../../../src/core/schema/resolver-payloads';
import { call, messageOf } from '../../api';
import { LoadState } from '../../ui/loading';
import { NoticeMessage, type Notice } from '../../ui/notice';
import { exactTime } from '../../ui/time';
import { useLoad } from '../../ui/use-load';
import { PlanTable } from './plan-table';

interface Props {
  view: ConnectionView;
  picker: ReactNode;
  reload: () => Promise<void>;
}

export function SafetySection({ view, picker, reload }: Props) {
  const connectionId = view.connection.id;
  const remoteName = view.connection.remote.project;
  const [held, reloadHeld] = useLoad(() => call('plans/held', { connectionId }), [connectionId]);
  const [limit, setLimit] = useState(String(view.connection.limits.maxMutationsPerCycle));
  const [dryRun, setDryRun] = useState<AnswerOf<'plans/dry-run'> | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const parsedLimit = MaxMutationsSchema.safeParse(Number(limit));

  const act = async (what: string, fn: () => Promise<string>) => {
    setBusy(what);
    setNotice(undefined);
    try {
      setNotice({ appearance: 'success', message: await fn() });
    } catch (err) {
      setNotice({ appearance: 'error', message: messageOf(err) });
    } finally {
      setBusy(undefined);
    }
  };
  const plan = held.state === 'ready' ? held.data.plan : null;

  return (
    <section className="section" aria-label="Safety">
      <div className="section-head">{picker}</div>
      <NoticeMessage notice={notice} />
      <div className="card">
        <Heading size="small" as="h2">
          Mutation limit
        </Heading>
        <p className="subtle">
          A cycle that plans more changes than this is held, and nothing is written until an admin approves
          it.
        </p>
        <div className="toolbar">
          <Textfield
            aria-label="Changes per cycle"
            type="number"
            width={120}
            value={limit}
            isInvalid={!parsedLimit.success}
            onChange={(e) => {
              setLimit(e.currentTarget.value);
            }}
          />
          <span className="subtle">changes per cycle</span>
          <Button
            isDisabled={!parsedLimit.success}
            isLoading={busy === 'limit'}
            onClick={() => {
              if (parsedLimit.success)
                void act('limit', async () => {
                  await call('limits/save', { connectionId, maxMutationsPerCycle: parsedLimit.data });
                  await reload();
                  return `Cycles of ${view.connection.name} now stop at ${parsedLimit.data} changes.`;
                });
            }}
          >
            Save limit
          </Button>
        </div>
        {!parsedLimit.success && (
          <div className="error-text" role="alert">
            {parsedLimit.error.issues[0]?.message ?? 'a whole number from 1'}
          </div>
        )}
      </div>

      <div className="card">
        <Heading size="small" as="h2">
          Waiting for approval
        </Heading>
        <LoadState loaded={held} what="the held plan" />
        {held.state === 'ready' && plan === null && (
          <p className="subtle">No changes are waiting for approval.</p>
        )}
        {plan && (
          <>
            <SectionMessage
              appearance="warning"
              title={`${plan.mutations.length + plan.more} changes are waiting for approval`}
            >
              <p>
                Planned {exactTime(plan.createdAt)}: {plan.incoming} into this project, {plan.outgoing} to{' '}
                {remoteName}. Over the limit of {held.state === 'ready' ? held.data.limit : ''}, so nothing
                was written.
              </p>
            </SectionMessage>
            <PlanTable plan={plan} remoteName={remoteName} />
            <div className="toolbar">
              <Button
                appearance="primary"
                isLoading={busy === 'approve'}
                isDisabled={busy !== undefined}
                onClick={() => {
                  void act('approve', async () => {
                    const r = await call('plans/approve', { connectionId, planId: plan.id });
                    await reloadHeld();
                    await reload();
                    if (r.outcome === 'busy') return 'A sync is running; approve again in a minute.';
                    return `Approved: ${r.written} changes written${r.errors.length > 0 ? `, ${r.errors.length} failed` : ''}.`;
                  });
                }}
              >
                Approve
              </Button>
              <Button
                isLoading={busy === 'discard'}
                isDisabled={busy !== undefined}
                onClick={() => {
                  void act('discard', async () => {
                    await call('plans/discard', { connectionId, planId: plan.id });
                    await reloadHeld();
                    await reload();
                    return 'Discarded. These changes travel again when their issues next change.';
                  });
                }}
              >
                Discard
              </Button>
            </div>
          </>
        )}
      </div>

      <div className="card">
        <div className="section-head">
          <Heading size="small" as="h2">
            Dry run
          </Heading>
          <Button
            isLoading={busy === 'dry-run'}
            onClick={() => {
              void act('dry-run', async () => {
                const r = await call('plans/dry-run', { connectionId });
                setDryRun(r);
                return r.outcome === 'busy'
                  ? 'A sync is running; try the dry run again in a minute.'
                  : 'Dry run finished. Nothing was written.';
              });
            }}
          >
            Run a dry run
          </Button>
        </div>
        <p className="subtle">Plans the next cycle and lists its changes without writing anything.</p>
        {dryRun?.plan && dryRun.plan.mutations.length === 0 && <p>The next cycle has nothing to do.</p>}
        {dryRun?.plan && dryRun.plan.mutations.length > 0 && (
          <>
            <p>
              {dryRun.outcome === 'held' ? 'The held plan above runs first: ' : 'The next cycle would make '}
              {dryRun.plan.mutations.length + dryRun.plan.more} changes.
            </p>
            <PlanTable plan={dryRun.plan} remoteName={remoteName} />
          </>
        )}
      </div>
    </section>
  );
}
