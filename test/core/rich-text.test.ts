/**
 * A two-way description rule between a side that holds ADF (Jira) and one that holds Markdown (GitHub,
 * GitLab, Redmine): it converges and stays quiet, though ADF → Markdown → ADF is not the identity, and a
 * later edit on either side still crosses exactly once. The fakes convert with the connectors' real
 * converters, so the loss is the real one.
 */
import { adfToMarkdown, markdownToAdf } from '../../src/connectors/markdown';
import type { Json, JsonObject } from '../../src/core/model';
import { isAdfDoc } from '../../src/connectors/markdown/adf-node';
import { makeWorld, partnerOf, type World } from './harness';

const toAdf = (v: Json): Json => (typeof v === 'string' ? markdownToAdf(v) : v);
const toMd = (v: Json): Json => (isAdfDoc(v) ? adfToMarkdown(v) : v);

const text = (t: string, marks?: string[]): JsonObject => ({
  type: 'text',
  text: t,
  ...(marks ? { marks: marks.map((type) => ({ type })) } : {}),
});
const para = (...content: JsonObject[]): JsonObject => ({ type: 'paragraph', content });

/** Holds what Markdown cannot say the way ADF does: a panel, an underline, and a hard break. */
const RICH: JsonObject = {
  type: 'doc',
  version: 1,
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [text('Steps')] },
    para(text('Press '), text('Save', ['strong']), text(' then '), text('look', ['underline'])),
    { type: 'panel', attrs: { panelType: 'info' }, content: [para(text('Only on Tuesdays'))] },
    para(text('line one'), { type: 'hardBreak' }, text('line two')),
  ],
};

function jiraAndMarkdown(rules: 'description' | 'with-comments' = 'with-comments'): World {
  return makeWorld(
    {
      rules: [
        { kind: 'two-way', local: 'summary', remote: 'title' },
        { kind: 'two-way', local: 'description', remote: 'body', conflict: 'newest-wins' },
        ...(rules === 'with-comments' ? [{ kind: 'messages' as const, allOutgoing: true }] : []),
      ],
    },
    {
      local: { richText: { paths: ['description'], convert: toAdf } },
      remote: { richText: { paths: ['body'], convert: toMd } },
    },
  );
}

async function quietFor(w: World, cycles: number): Promise<number> {
  w.local.resetCalls();
  w.remote.resetCalls();
  for (let i = 0; i < cycles; i++) await w.cycle();
  return w.local.writes + w.remote.writes;
}

describe('rich text between ADF and Markdown', () => {
  it('is lossy, so identity cannot be what keeps the sync quiet', () => {
    expect(markdownToAdf(adfToMarkdown(RICH))).not.toEqual(RICH);
  });

  it('writes nothing after the first cycle, for issues created on either side', async () => {
    const w = jiraAndMarkdown();
    const l = w.local.userCreate({ summary: 'From Jira', description: RICH });
    w.local.userComment(l.id, RICH);
    const r = w.remote.userCreate({ title: 'From GitHub', body: '# Title\n\nSome **bold** and `code`.' });
    w.remote.userComment(r.id, 'A *remote* comment\n\n- one\n- two');
    await w.cycle();

    const copy = partnerOf(w, l.id);
    expect(typeof copy?.fields.body).toBe('string');
    expect(copy?.fields.body).toContain('**Save**');
    expect(typeof copy?.comments?.[0]?.body).toBe('string');
    const localCopy = w.local.snapshot().find((i) => i.fields.summary === 'From GitHub');
    expect(isAdfDoc(localCopy?.fields.description)).toBe(true);
    expect(isAdfDoc(localCopy?.comments?.[0]?.body)).toBe(true);

    expect(await quietFor(w, 5)).toBe(0);

    // Another field's edit brings the pair back into the plan: the description must not travel with it.
    w.local.userEdit(l.id, { summary: 'From Jira, renamed' });
    w.remote.userEdit(r.id, { title: 'From GitHub, renamed' });
    const edited = await w.cycle();
    const patches = edited.outcome === 'executed' ? edited.plan.mutations : [];
    expect(patches.map((m) => (m.kind === 'update-issue' ? Object.keys(m.patch) : m.kind))).toEqual([
      ['summary'],
      ['title'],
    ]);
    expect(await quietFor(w, 3)).toBe(0);
  });

  it('carries a later edit on either side once, then goes quiet again', async () => {
    const w = jiraAndMarkdown();
    const l = w.local.userCreate({ summary: 'T', description: RICH });
    await w.cycle();
    const r = partnerOf(w, l.id)!;

    w.local.userEdit(l.id, { description: { ...RICH, content: [para(text('Rewritten in Jira'))] } });
    w.local.resetCalls();
    w.remote.resetCalls();
    await w.cycle();
    expect(w.remote.calls.updateIssue).toBe(1);
    expect(w.local.writes).toBe(0);
    expect(partnerOf(w, l.id)?.fields.body).toBe('Rewritten in Jira');
    expect(await quietFor(w, 3)).toBe(0);

    w.remote.userEdit(r.id, { body: 'Rewritten on **GitHub**' });
    w.local.resetCalls();
    w.remote.resetCalls();
    await w.cycle();
    expect(w.local.calls.updateIssue).toBe(1);
    expect(w.remote.writes).toBe(0);
    const local = w.local.snapshot().find((i) => i.id === l.id);
    expect(local?.fields.description).toEqual(markdownToAdf('Rewritten on **GitHub**'));
    expect(await quietFor(w, 3)).toBe(0);
  });

  it('carries a comment edit once, from the side it was written on', async () => {
    const w = jiraAndMarkdown();
    const l = w.local.userCreate({ summary: 'T' });
    const c = w.local.userComment(l.id, RICH);
    await w.cycle();

    w.local.userEditComment(l.id, c.id, { type: 'doc', version: 1, content: [para(text('edited'))] });
    w.local.resetCalls();
    w.remote.resetCalls();
    await w.cycle();
    expect(w.remote.calls.updateComment).toBe(1);
    expect(partnerOf(w, l.id)?.comments?.map((x) => x.body)).toEqual(['edited']);
    expect(await quietFor(w, 3)).toBe(0);
  });

  it('settles a pair linked with both descriptions present in one write', async () => {
    const w = jiraAndMarkdown('description');
    const l = w.local.userCreate({ summary: 'T', description: RICH });
    await w.cycle();
    // The description's base is forgotten, as for a pair linked by a bulk connect: both sides count as
    // changed, and the newer side (the local one, just edited) wins.
    const pair = w.store.all(w.connection.id)[0]!;
    delete pair.base.local.description;
    delete pair.base.remote.body;
    await w.store.putPair(pair);
    w.local.userEdit(l.id, { summary: 'T2' });

    w.local.resetCalls();
    w.remote.resetCalls();
    await w.cycle();
    expect(w.remote.calls.updateIssue).toBe(1);
    expect(w.local.writes).toBe(0);
    expect(await quietFor(w, 3)).toBe(0);
  });

  it('keeps the base of a description written just before a kill, so the next cycle does not undo it', async () => {
    const w = jiraAndMarkdown();
    const l = w.local.userCreate({ summary: 'Checkout', description: para(text('old')) });
    const c = w.local.userComment(l.id, 'first words');
    await w.cycle();
    w.local.userEdit(l.id, { description: RICH });
    w.local.userEditComment(l.id, c.id, 'second words');
    // The description reaches the remote; the invocation dies on the comment edit that follows it.
    w.remote.failAfter(1, 'before');
    await expect(w.cycle()).rejects.toThrow('simulated crash');
    w.clock.advance(60_000);
    await w.cycle();
    const local = w.local.snapshot().find((i) => i.id === l.id);
    expect(local?.fields.description).toEqual(RICH); // not the lossy way back from Markdown
    expect(w.store.all('c1').find((p) => p.local?.id === l.id)?.conflicts).toEqual([]);
  });
});
