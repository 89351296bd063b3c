/**
 * Wiki markup ↔ ADF, the conversion at the edge of a Jira Data Center (REST v2 holds text as wiki markup).
 * Every document produced must validate against Atlassian's ADF schema.
 */
import { adfToWiki } from '../../../src/connectors/jira/wiki/adf-to-wiki';
import { wikiToAdf } from '../../../src/connectors/jira/wiki/wiki-to-adf';
import { markdownToAdf } from '../../../src/connectors/markdown';
import { adfProblem } from '../../../sandbox/jira/adf/validate-adf';

const WIKI = [
  'h2. Steps',
  'Press *Save*, then _wait_ and run {{npm test}}; see [the docs|https://example.com/docs].',
  '* one\n* two\n*# nested',
  '# first\n# second',
  '{code:ts}\nconst x = *1*;\n{code}',
].join('\n\n');

describe('Jira wiki markup ↔ ADF', () => {
  it('reads headings, lists, bold, italic, code and links as ADF nodes and marks', () => {
    const doc = wikiToAdf(WIKI);
    expect(adfProblem(doc)).toBeUndefined();
    expect(doc).toEqual(
      markdownToAdf(
        [
          '## Steps',
          'Press **Save**, then *wait* and run `npm test`; see [the docs](https://example.com/docs).',
          '- one\n- two\n  1. nested',
          '1. first\n2. second',
          '```ts\nconst x = *1*;\n```',
        ].join('\n\n'),
      ),
    );
  });

  it('writes the same constructs as wiki markup', () => {
    const doc = markdownToAdf(
      '# Title\n\nA **b** and *c*, `d` at [e](https://x.org)\n\n1. one\n2. two\n   - sub\n\n```js\nx\n```',
    );
    expect(adfToWiki(doc)).toBe(
      'h1. Title\n\nA *b* and _c_, {{d}} at [e|https://x.org]\n\n# one\n# two\n#* sub\n\n{code:js}\nx\n{code}',
    );
  });

  it('round-trips ADF through wiki markup unchanged for those constructs', () => {
    const doc = wikiToAdf(WIKI);
    expect(wikiToAdf(adfToWiki(doc))).toEqual(doc);
    const literal = markdownToAdf('a\\*b\\* and snake\\_case');
    expect(adfToWiki(literal)).toBe('a\\*b\\* and snake\\_case');
    expect(wikiToAdf(adfToWiki(literal))).toEqual(literal);
  });

  it('keeps emphasis markers inside words and code as text', () => {
    const doc = wikiToAdf('snake_case_name and a*b*c and {{*not bold*}} and \\*escaped\\*');
    expect(adfProblem(doc)).toBeUndefined();
    expect(JSON.stringify(doc)).not.toContain('"strong"');
    expect(JSON.stringify(doc)).not.toContain('"em"');
    expect(JSON.stringify(doc)).toContain('*escaped*');
  });

  it('reads a wiki line break and literal Markdown characters as text', () => {
    const doc = wikiToAdf('one\\\\two with `ticks` and ~tilde~');
    expect(adfProblem(doc)).toBeUndefined();
    expect(JSON.stringify(doc)).toContain('"hardBreak"');
    expect(JSON.stringify(doc)).toContain('`ticks` and ~tilde~');
  });
});
