/**
 * ForgeDoc → HTML, standing in for the product's UI Kit renderer. Every string from the app is escaped (html``),
 * links go through safeHref, style values only through token maps. A component the sandbox does not know is
 * drawn as a labelled box around its children, never dropped, so a missing renderer is visible on the page.
 */
import { html, raw, safeHref, type SafeHtml } from '../html';
import { lozenge, sectionMessage } from '../look/components';
import { spaceCss, styleFrom, tokenCss } from './css-tokens';
import { propBool, propHandler, propString, textOf, type ForgeNode } from './forge-doc';
import { fieldComponents } from './render-fields';
import { renderDynamicTable } from './render-table';

export type Render = (node: ForgeNode) => SafeHtml;
type ComponentRenderer = (node: ForgeNode, children: () => SafeHtml, render: Render) => SafeHtml;

/** `data-forge-*` attributes that the page script turns into a POST back to the instance. */
export function eventAttrs(node: ForgeNode, prop: string): SafeHtml {
  const handler = propHandler(node, prop);
  return handler
    ? html` data-forge-handler="${handler.id}" data-forge-event="${prop}" data-forge-path="${node.path}"`
    : html``;
}

const style = (parts: readonly (string | undefined)[]): SafeHtml => {
  const present = parts.filter((p): p is string => p !== undefined && p !== '');
  return present.length > 0 ? html` style="${present.join(';')}"` : html``;
};

const ALIGN: Readonly<Record<string, string>> = {
  start: 'flex-start',
  center: 'center',
  end: 'flex-end',
  stretch: 'stretch',
  baseline: 'baseline',
};
const alignCss = (prop: string, value: string | undefined): string | undefined => {
  const mapped = value === undefined ? undefined : ALIGN[value];
  return mapped === undefined ? undefined : `${prop}:${mapped}`;
};
const gapCss = (value: unknown, prop = 'gap'): string | undefined => {
  const css = spaceCss(value);
  return css === undefined ? undefined : `${prop}:${css}`;
};

const HEADING_TAGS: Readonly<Record<string, string>> = {
  xxlarge: 'h1',
  xlarge: 'h1',
  large: 'h2',
  medium: 'h3',
  small: 'h4',
  xsmall: 'h5',
  xxsmall: 'h6',
};

function heading(node: ForgeNode, children: () => SafeHtml): SafeHtml {
  const size = propString(node, 'size') ?? 'medium';
  const requested = propString(node, 'as');
  const tag =
    requested !== undefined && /^h[1-6]$/.test(requested) ? requested : (HEADING_TAGS[size] ?? 'h3');
  const cls = `fd-heading ${size in HEADING_TAGS ? size : 'medium'}`;
  // The tag name comes from the fixed set above, never from the app: safe to splice in.
  return html`${raw(`<${tag} class="${cls}">`)}${children()}${raw(`</${tag}>`)}`;
}

function button(node: ForgeNode, children: () => SafeHtml): SafeHtml {
  const appearance = propString(node, 'appearance') ?? 'default';
  const cls = ['button', /^[a-z-]+$/.test(appearance) && appearance !== 'default' ? appearance : '']
    .filter(Boolean)
    .join(' ');
  const disabled = propBool(node, 'isDisabled') || propBool(node, 'isLoading');
  const spinner = propBool(node, 'isLoading')
    ? html`<span class="fd-spinner small" aria-hidden="true"></span>`
    : html``;
  return html`<button
    type="button"
    class="${cls}"
    ${disabled ? html` disabled` : html``}${eventAttrs(node, 'onClick')}
  >
    ${spinner}${children()}
  </button>`;
}

function link(node: ForgeNode, children: () => SafeHtml, cls = ''): SafeHtml {
  const href = safeHref(propString(node, 'href') ?? '#');
  const newTab = propBool(node, 'openNewTab') || href.startsWith('http');
  return html`<a
    href="${href}"
    ${cls !== '' ? html` class="${cls}"` : html``}${newTab
      ? html` target="_blank" rel="noopener noreferrer"`
      : html``}${eventAttrs(node, 'onClick')}
    >${children()}</a
  >`;
}

function badge(node: ForgeNode): SafeHtml {
  const appearance = propString(node, 'appearance') ?? 'default';
  const text = textOf(node);
  const max = Number(propString(node, 'max') ?? 99);
  const shown = /^\d+$/.test(text) && Number(text) > max ? `${max}+` : text;
  return html`<span class="fd-badge ${/^[a-zA-Z]+$/.test(appearance) ? appearance : ''}">${shown}</span>`;
}

const COMPONENTS: Readonly<Record<string, ComponentRenderer>> = {
  Root: (_n, children) => html`<div class="fd-root">${children()}</div>`,
  ContentWrapper: (_n, children) => children(),
  Fragment: (_n, children) => children(),
  String: (n) => html`${propString(n, 'text') ?? ''}`,
  Stack: (n, children) =>
    html`<div
      class="fd-stack${propString(n, 'alignInline') === undefined ? ' natural' : ''}"
      ${style([
        gapCss(n.props.space),
        alignCss('align-items', propString(n, 'alignInline')),
        alignCss('justify-content', propString(n, 'alignBlock')),
        propString(n, 'grow') === 'fill' ? 'flex-grow:1' : undefined,
      ])}
    >
      ${children()}
    </div>`,
  Inline: (n, children) =>
    html`<div
      class="fd-inline${propBool(n, 'shouldWrap') ? ' wrap' : ''}"
      ${style([
        gapCss(n.props.space, 'column-gap'),
        gapCss(n.props.rowSpace ?? n.props.space, 'row-gap'),
        alignCss('align-items', propString(n, 'alignBlock')),
        propString(n, 'spread') === 'space-between'
          ? 'justify-content:space-between'
          : alignCss('justify-content', propString(n, 'alignInline')),
      ])}
    >
      ${children()}
    </div>`,
  Box: (n, children) => {
    const xcss = n.props.xcss;
    const fromXcss =
      typeof xcss === 'object' && xcss !== null ? styleFrom(Object.fromEntries(Object.entries(xcss))) : [];
    return html`<div class="fd-box" ${style([...styleFrom(n.props), ...fromXcss])}>${children()}</div>`;
  },
  Text: (n, children) => {
    const size = propString(n, 'size');
    const weight = propString(n, 'weight');
    const cls = [
      'fd-text',
      size === 'small' || size === 'large' ? size : '',
      weight === 'bold' || weight === 'semibold' ? 'strong' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const colour = tokenCss(n.props.color);
    const align = propString(n, 'align');
    return html`<p
      class="${cls}"
      ${style([
        colour === undefined ? undefined : `color:${colour}`,
        align === 'center' || align === 'end' || align === 'start' ? `text-align:${align}` : undefined,
      ])}
    >
      ${children()}
    </p>`;
  },
  Strong: (_n, children) => html`<strong class="fd-strong">${children()}</strong>`,
  Em: (_n, children) => html`<em class="fd-em">${children()}</em>`,
  Strike: (_n, children) => html`<s>${children()}</s>`,
  Heading: heading,
  Button: button,
  LoadingButton: button,
  LinkButton: (n, children) =>
    link(
      n,
      children,
      `button ${/^[a-z-]+$/.test(propString(n, 'appearance') ?? '') ? (propString(n, 'appearance') ?? '') : ''}`.trim(),
    ),
  ButtonGroup: (_n, children) => html`<span class="fd-button-group">${children()}</span>`,
  Link: (n, children) => link(n, children),
  Lozenge: (n) =>
    lozenge(
      textOf(n),
      /^[a-z]+$/.test(propString(n, 'appearance') ?? '')
        ? (propString(n, 'appearance') ?? 'default')
        : 'default',
      propBool(n, 'isBold'),
    ),
  Badge: (n) => badge(n),
  Spinner: (n) => {
    const size = propString(n, 'size') ?? 'medium';
    const label = propString(n, 'label') ?? 'Loading';
    return html`<span
      class="fd-spinner ${/^[a-z]+$/.test(size) ? size : ''}"
      role="status"
      aria-label="${label}"
    ></span>`;
  },
  SectionMessage: (n, _children, render) => {
    const actions = n.children.filter((c) => c.type === 'SectionMessageAction');
    const content = n.children.filter((c) => c.type !== 'SectionMessageAction');
    return sectionMessage(
      propString(n, 'appearance') ?? 'information',
      propString(n, 'title'),
      content.map(render),
      actions.length > 0 ? html`<div class="fd-actions">${actions.map(render)}</div>` : undefined,
    );
  },
  SectionMessageAction: (n, children) =>
    propString(n, 'href') !== undefined
      ? link(n, children)
      : html`<button type="button" class="button link" ${eventAttrs(n, 'onClick')}>${children()}</button>`,
  Code: (_n, children) => html`<code class="fd-code">${children()}</code>`,
  CodeBlock: (n) => html`<pre class="fd-codeblock"><code>${propString(n, 'text') ?? textOf(n)}</code></pre>`,
  List: (n, children) =>
    propString(n, 'type') === 'ordered'
      ? html`<ol class="fd-list">
          ${children()}
        </ol>`
      : html`<ul class="fd-list">
          ${children()}
        </ul>`,
  ListItem: (_n, children) => html`<li>${children()}</li>`,
  Tooltip: (n, children) => html`<span title="${propString(n, 'content') ?? ''}">${children()}</span>`,
  DynamicTable: (n, _children, render) => renderDynamicTable(n, render),
  ...fieldComponents(eventAttrs),
};

function unknownComponent(node: ForgeNode, children: () => SafeHtml): SafeHtml {
  return html`<div class="fd-unknown" data-component="${node.type}">
    <span class="fd-unknown-label">${node.type} · not rendered by the sandbox</span>${children()}
  </div>`;
}

export function renderForgeNode(node: ForgeNode): SafeHtml {
  const children = (): SafeHtml => html`${node.children.map(renderForgeNode)}`;
  const component = COMPONENTS[node.type];
  return component ? component(node, children, renderForgeNode) : unknownComponent(node, children);
}
