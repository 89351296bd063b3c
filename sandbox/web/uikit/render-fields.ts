/**
 * Form fields of UI Kit: Label, Textfield, TextArea. A field's `onChange` is posted back like a click, with the
 * value as `event.target.value` (what ADS passes and apps read); client/uikit-panel.ts keeps focus and caret
 * across the re-render. Ids come from the reconciler, which prefixes `id`, `labelFor` and `inputId` alike
 * (out/reconciler.js `newPropsWithIdPrefix`), so a Label still points at its field.
 */
import { html, type SafeHtml } from '../html';
import { propBool, propString, type ForgeNode } from './forge-doc';

type FieldRenderer = (node: ForgeNode, children: () => SafeHtml) => SafeHtml;

const INPUT_TYPES = new Set(['text', 'number', 'email', 'password', 'search', 'tel', 'url']);

/** An attribute only when the prop is set: `name="value"`, escaped. */
function attr(name: string, value: string | undefined): SafeHtml {
  return value === undefined ? html`` : html` ${name}="${value}"`;
}

function flags(node: ForgeNode): SafeHtml {
  return html`${propBool(node, 'isDisabled') ? html` disabled` : ''}${propBool(node, 'isReadOnly')
    ? html` readonly`
    : ''}${propBool(node, 'isRequired') ? html` required` : ''}`;
}

/** Takes the page's `eventAttrs` (render-forge-doc.ts) rather than importing it, which would be circular. */
export function fieldComponents(
  eventAttrs: (node: ForgeNode, prop: string) => SafeHtml,
): Readonly<Record<string, FieldRenderer>> {
  return {
    Label: (n, children) =>
      html`<label class="fd-label" ${attr('for', propString(n, 'labelFor'))}>${children()}</label>`,
    Textfield: (n) => {
      const type = propString(n, 'type') ?? 'text';
      return html`<input
        class="fd-textfield"
        type="${INPUT_TYPES.has(type) ? type : 'text'}"
        ${attr('id', propString(n, 'id'))}${attr('name', propString(n, 'name'))}${attr(
          'placeholder',
          propString(n, 'placeholder'),
        )}${attr('value', propString(n, 'value') ?? propString(n, 'defaultValue'))}${attr(
          'maxlength',
          propString(n, 'maxLength'),
        )}${flags(n)}${eventAttrs(n, 'onChange')}
      />`;
    },
    TextArea: (n) =>
      html`<textarea
        class="fd-textarea"
        ${attr('id', propString(n, 'id'))}${attr('name', propString(n, 'name'))}${attr(
          'placeholder',
          propString(n, 'placeholder'),
        )}${flags(n)}${eventAttrs(n, 'onChange')}
      >
${propString(n, 'value') ?? propString(n, 'defaultValue') ?? ''}</textarea
      >`,
  };
}
