/**
 * ADF tables → GFM pipe tables. GFM wants a header row: the first row serves, whatever its cell kind. Cell
 * content is flattened to one line (paragraphs joined by `<br>`), since a pipe table has no blocks.
 */
import { type AdfNode } from './adf-node';
import { renderInline, type InlineOptions } from './adf-inline';

function cellText(cell: AdfNode, opts: InlineOptions): string {
  const parts: string[] = [];
  const walk = (n: AdfNode, prefix: string) => {
    if (n.type === 'paragraph' || n.type === 'heading')
      parts.push(prefix + renderInline(n.content, { ...opts, inTable: true }));
    else if (n.type === 'text' || n.content.length === 0)
      parts.push(prefix + renderInline([n], { ...opts, inTable: true }));
    else if (n.type === 'listItem' || n.type === 'taskItem') n.content.forEach((c) => walk(c, `${prefix}• `));
    else n.content.forEach((c) => walk(c, prefix));
  };
  cell.content.forEach((c) => walk(c, ''));
  return parts.join('<br>').trim();
}

export function renderTable(table: AdfNode, opts: InlineOptions): string {
  const rows = table.content
    .filter((r) => r.type === 'tableRow')
    .map((r) => r.content.map((c) => cellText(c, opts)));
  const width = Math.max(1, ...rows.map((r) => r.length));
  const line = (cells: string[]) =>
    `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  const [head = [], ...body] = rows;
  return [line(head), line(Array.from({ length: width }, () => '---')), ...body.map(line)].join('\n');
}
