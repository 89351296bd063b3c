/**
 * Markdown ↔ ADF: canonical Markdown survives the trip to ADF and back unchanged, every ADF produced is
 * valid against Atlassian's schema, and what Markdown cannot hold shows up as text.
 */
import { adfToMarkdown, markdownToAdf } from '../../../src/connectors/markdown';
import type { Json } from '../../../src/core/model';
import { JsonSchema } from '../../../src/core/schema/rules';
import { adfProblem } from '../../../sandbox/jira/adf/validate-adf';

const ROUND_TRIPS: [string, string][] = [
  ['headings', '# One\n\n## Two\n\n###### Six'],
  ['emphasis', 'Some **bold**, *em*, ***both***, ~~gone~~ and **bold *em* bold**.'],
  ['inline code', 'Run `npm test` or ``a `tick` inside``.'],
  ['links', 'See [the docs](https://example.com/docs?a=1) and <https://example.com/auto>.'],
  ['nested lists', '- one\n- two\n  - nested\n    1. deep\n    2. deeper\n- three'],
  ['ordered from 3', '3. c\n4. d'],
  ['task lists', '- [ ] todo\n- [x] done\n  - [ ] nested task'],
  ['code blocks', '```ts\nconst x = 1;\n// *not emphasis*\n```\n\n```\nplain\n```'],
  ['tables', '| name | value |\n| --- | --- |\n| a | 1 \\| 2 |\n| **b** | `c` |'],
  ['quote and rule', '> quoted text\n\n---\n\nafter'],
  ['hard break', 'line one\\\nline two'],
  ['image', '![a diagram](https://img.example.com/a.png)'],
  [
    'escapes',
    'a \\* b, snake_case\n\n1\\. not a list\n\n\\# not a heading\n\n\\- not an item\n\n\\<b> not a tag, 5 \\< 6',
  ],
  ['emoji as text', 'Ship it 🚀 :tada:'],
];

describe('Markdown → ADF → Markdown', () => {
  it.each(ROUND_TRIPS)('keeps %s', (_name, md) => {
    const adf = markdownToAdf(md);
    expect(adfProblem(adf)).toBeUndefined();
    expect(adfToMarkdown(adf)).toBe(md);
  });

  it('gives the same ADF for the same Markdown (no random ids)', () => {
    const md = '- [ ] a\n- [x] b';
    expect(markdownToAdf(md)).toEqual(markdownToAdf(md));
  });

  it('reads Redmine line endings', () => {
    expect(markdownToAdf('a\r\n\r\nb')).toEqual(markdownToAdf('a\n\nb'));
  });

  it('shows raw HTML as text instead of dropping it, and never lets <adf> inject nodes', () => {
    const adf = markdownToAdf('x <b>y</b>\n\n<div>block</div>\n\n<adf>{"type":"rule"}</adf>');
    expect(adfProblem(adf)).toBeUndefined();
    const json = JSON.stringify(adf);
    expect(json).toContain('<b>y</b>');
    expect(json).toContain('<div>block</div>');
    expect(json).not.toContain('"rule"');
  });

  it('drops HTML comments, which were invisible where they were written', () => {
    expect(adfToMarkdown(markdownToAdf('before\n\n<!-- template hint -->\n\nafter <!-- x --> end'))).toBe(
      'before\n\nafter end',
    );
  });

  it('decodes entities outside code only', () => {
    expect(adfToMarkdown(markdownToAdf('a &amp; b `&amp;`'))).toBe('a & b `&amp;`');
  });

  it('turns what ADF forbids in a list item or task item into text in place', () => {
    const adf = markdownToAdf('- item\n\n  # heading in item\n\n  > quote in item\n- [ ] task\n  - sub');
    expect(adfProblem(adf)).toBeUndefined();
    const md = adfToMarkdown(adf);
    expect(md).toContain('heading in item');
    expect(md).toContain('quote in item');
    expect(adfProblem(markdownToAdf('- [ ] task\n  - plain sub'))).toBeUndefined();
    expect(adfToMarkdown(markdownToAdf('- [ ] task\n  - plain sub'))).toContain('• plain sub');
  });
});

const doc = (...content: unknown[]): Json => JsonSchema.parse({ type: 'doc', version: 1, content });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (t: string, ...marks: unknown[]) => ({
  type: 'text',
  text: t,
  ...(marks.length ? { marks } : {}),
});

describe('ADF → Markdown for what only Jira has', () => {
  const cases: [string, Json, string][] = [
    [
      'mentions',
      doc(p(text('Hi '), { type: 'mention', attrs: { id: 'acc-1', text: '@Ana Lima' } })),
      'Hi @Ana Lima',
    ],
    [
      'emoji',
      doc(
        p(
          { type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } },
          { type: 'emoji', attrs: { shortName: ':x:' } },
        ),
      ),
      '😄:x:',
    ],
    [
      'panels',
      doc({ type: 'panel', attrs: { panelType: 'warning' }, content: [p(text('careful'))] }),
      '> **Warning:**\n>\n> careful',
    ],
    [
      'status and date',
      doc(
        p({ type: 'status', attrs: { text: 'DONE', color: 'green' } }, text(' on '), {
          type: 'date',
          attrs: { timestamp: '1795478400000' },
        }),
      ),
      '\\[DONE\\] on 2026-11-24',
    ],
    [
      'attachments by name',
      doc({
        type: 'mediaSingle',
        attrs: { layout: 'center' },
        content: [{ type: 'media', attrs: { type: 'file', id: 'abc', collection: 'c', alt: 'trace.log' } }],
      }),
      '\\[attachment trace.log\\]',
    ],
    ['unknown nodes with text', doc({ type: 'futureBlock', content: [text('still here')] }), 'still here'],
    ['unknown nodes without text', doc({ type: 'futureWidget', attrs: { x: 1 } }), '\\[futureWidget\\]'],
    [
      'marks Markdown lacks',
      doc(
        p(
          text('under', { type: 'underline' }),
          text(' red', { type: 'textColor', attrs: { color: '#f00' } }),
          text(' x'),
          text('2', { type: 'subsup', attrs: { type: 'sup' } }),
        ),
      ),
      '<ins>under</ins> red x<sup>2</sup>',
    ],
    ['unknown marks', doc(p(text('kept', { type: 'sparkle' }))), 'kept'],
    [
      'expand',
      doc({ type: 'expand', attrs: { title: 'Details' }, content: [p(text('inside'))] }),
      '**Details**\n\ninside',
    ],
    [
      'inline cards',
      doc(p({ type: 'inlineCard', attrs: { url: 'https://x.example/1' } })),
      '<https://x.example/1>',
    ],
    [
      'a link around bold text',
      doc(
        p(
          text('bold', { type: 'link', attrs: { href: 'https://a.example' } }, { type: 'strong' }),
          text(' after'),
        ),
      ),
      '[**bold**](https://a.example) after',
    ],
    ['whitespace at mark edges', doc(p(text('a'), text(' b ', { type: 'strong' }), text('c'))), 'a **b** c'],
    [
      'table cells with lists',
      doc({
        type: 'table',
        content: [
          { type: 'tableRow', content: [{ type: 'tableHeader', content: [p(text('h'))] }] },
          {
            type: 'tableRow',
            content: [
              {
                type: 'tableCell',
                content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [p(text('x'))] }] }],
              },
            ],
          },
        ],
      }),
      '| h |\n| --- |\n| • x |',
    ],
    [
      'nested task lists',
      doc({
        type: 'taskList',
        attrs: { localId: 'a' },
        content: [
          { type: 'taskItem', attrs: { localId: 'b', state: 'DONE' }, content: [text('parent')] },
          {
            type: 'taskList',
            attrs: { localId: 'c' },
            content: [{ type: 'taskItem', attrs: { localId: 'd', state: 'TODO' }, content: [text('child')] }],
          },
        ],
      }),
      '- [x] parent\n  - [ ] child',
    ],
  ];

  it.each(cases)('renders %s', (_name, adf, md) => {
    expect(adfToMarkdown(adf)).toBe(md);
  });

  it('maps mentions through the user map when it knows the account', () => {
    const adf = doc(p({ type: 'mention', attrs: { id: 'acc-1', text: '@Ana Lima' } }));
    expect(adfToMarkdown(adf, { mentionName: (id) => (id === 'acc-1' ? 'ana' : undefined) })).toBe('@ana');
  });

  it('and back: the Markdown of a Jira document converts to valid ADF', () => {
    for (const [, adf] of cases) expect(adfProblem(markdownToAdf(adfToMarkdown(adf)))).toBeUndefined();
  });
});
