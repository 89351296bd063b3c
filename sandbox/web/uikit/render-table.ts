/**
 * DynamicTable as the reconciler sends it: @forge/react (out/components/dynamic-table.js) turns `head` and
 * `rows` into children `ContentWrapper name="head"` (Cells) and `ContentWrapper name="rows"` (Rows of Cells),
 * so cell content arrives as ForgeDoc. Sorting and pagination are not emulated; every row is shown.
 */
import { html, type SafeHtml } from '../html';
import { propBool, propString, type ForgeNode } from './forge-doc';

function wrapper(table: ForgeNode, name: string): ForgeNode | undefined {
  return table.children.find((c) => c.type === 'ContentWrapper' && propString(c, 'name') === name);
}

export function renderDynamicTable(table: ForgeNode, render: (node: ForgeNode) => SafeHtml): SafeHtml {
  const head = wrapper(table, 'head')?.children.filter((c) => c.type === 'Cell') ?? [];
  const rows = wrapper(table, 'rows')?.children.filter((c) => c.type === 'Row') ?? [];
  const caption = propString(table, 'caption');
  const cells = (row: ForgeNode): SafeHtml[] =>
    row.children.filter((c) => c.type === 'Cell').map((c) => html`<td>${c.children.map(render)}</td>`);
  const body = propBool(table, 'isLoading')
    ? html`<tr>
        <td colspan="${Math.max(head.length, 1)}" class="fd-empty"><span class="fd-spinner small"></span></td>
      </tr>`
    : rows.length === 0
      ? html`<tr>
          <td colspan="${Math.max(head.length, 1)}" class="fd-empty">
            ${propString(table, 'emptyView') ?? 'No rows'}
          </td>
        </tr>`
      : rows.map(
          (r) =>
            html`<tr>
              ${cells(r)}
            </tr>`,
        );
  return html`<div class="fd-table-wrap">
    <table class="list fd-table">
      ${caption !== undefined
        ? html`<caption>
            ${caption}
          </caption>`
        : ''}
      ${head.length > 0
        ? html`<thead>
            <tr>
              ${head.map((c) => html`<th>${c.children.map(render)}</th>`)}
            </tr>
          </thead>`
        : ''}
      <tbody>
        ${body}
      </tbody>
    </table>
  </div>`;
}
