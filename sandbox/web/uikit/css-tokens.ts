/**
 * UI Kit layout props name ADS tokens (`space.100`, `color.background.neutral`, `border.radius`). They become
 * CSS custom properties with the light theme's values as fallbacks. Only token-shaped names get through, so an
 * app cannot smuggle arbitrary CSS into a style attribute.
 */

const SPACE_PX: Readonly<Record<string, number>> = {
  'space.0': 0,
  'space.025': 2,
  'space.050': 4,
  'space.075': 6,
  'space.100': 8,
  'space.150': 12,
  'space.200': 16,
  'space.250': 20,
  'space.300': 24,
  'space.400': 32,
  'space.500': 40,
  'space.600': 48,
  'space.800': 64,
  'space.1000': 80,
};

export function spaceCss(token: unknown): string | undefined {
  if (typeof token !== 'string') return undefined;
  const px = SPACE_PX[token];
  return px === undefined ? undefined : `var(--ds-${token.replace('.', '-')}, ${px}px)`;
}

const TOKEN_NAME = /^(color|elevation|border|shadow|opacity)(\.[a-zA-Z0-9]+)+$/;

/** `color.background.neutral` → `var(--ds-background-neutral)`, as @atlaskit/tokens names its properties. */
export function tokenCss(token: unknown): string | undefined {
  if (typeof token !== 'string' || !TOKEN_NAME.test(token)) return undefined;
  const name = token
    .replace(/^color\./, '')
    .replace(/^elevation\./, '')
    .replace(/\.\[default\]$/, '')
    .replace(/\./g, '-');
  return `var(--ds-${name})`;
}

/** The subset of `xcss` and Box props the sandbox maps to CSS; other keys are ignored. */
const STYLE_PROPS: Readonly<Record<string, { css: string; kind: 'space' | 'token' }>> = {
  padding: { css: 'padding', kind: 'space' },
  paddingBlock: { css: 'padding-block', kind: 'space' },
  paddingInline: { css: 'padding-inline', kind: 'space' },
  paddingTop: { css: 'padding-top', kind: 'space' },
  paddingBottom: { css: 'padding-bottom', kind: 'space' },
  paddingLeft: { css: 'padding-left', kind: 'space' },
  paddingRight: { css: 'padding-right', kind: 'space' },
  paddingBlockStart: { css: 'padding-block-start', kind: 'space' },
  paddingBlockEnd: { css: 'padding-block-end', kind: 'space' },
  paddingInlineStart: { css: 'padding-inline-start', kind: 'space' },
  paddingInlineEnd: { css: 'padding-inline-end', kind: 'space' },
  margin: { css: 'margin', kind: 'space' },
  marginBlock: { css: 'margin-block', kind: 'space' },
  marginInline: { css: 'margin-inline', kind: 'space' },
  marginTop: { css: 'margin-top', kind: 'space' },
  marginBottom: { css: 'margin-bottom', kind: 'space' },
  gap: { css: 'gap', kind: 'space' },
  backgroundColor: { css: 'background-color', kind: 'token' },
  color: { css: 'color', kind: 'token' },
  borderColor: { css: 'border-color', kind: 'token' },
  borderRadius: { css: 'border-radius', kind: 'token' },
  borderWidth: { css: 'border-width', kind: 'token' },
};

export function styleFrom(props: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(props)) {
    const spec = STYLE_PROPS[name];
    if (!spec) continue;
    const css = spec.kind === 'space' ? spaceCss(value) : tokenCss(value);
    if (css !== undefined) out.push(`${spec.css}:${css}`);
  }
  if (props.borderStyle === 'solid' || props.borderStyle === 'dashed' || props.borderStyle === 'dotted')
    out.push(`border-style:${props.borderStyle}`);
  if (
    out.some((s) => s.startsWith('border-color') || s.startsWith('border-width')) &&
    !out.some((s) => s.startsWith('border-style'))
  ) {
    out.push('border-style:solid');
  }
  return out;
}
