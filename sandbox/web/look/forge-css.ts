/**
 * How UI Kit components look when the sandbox renders a ForgeDoc: the ADS component each stands for, reduced to
 * CSS. Buttons, lozenges and section messages share the page's classes (page-css.ts).
 */
export const FORGE_CSS = String.raw`
.fd-root { display: flex; flex-direction: column; gap: 8px; }
.fd-stack { display: flex; flex-direction: column; }
/* ADS buttons, links and lozenges keep their own width in a Stack unless the app sets alignInline. */
.fd-stack.natural > :is(.button, a, .lozenge, .fd-badge, .fd-spinner, .fd-button-group) { align-self: flex-start; }
.fd-inline { display: flex; flex-direction: row; align-items: flex-start; }
.fd-inline.wrap { flex-wrap: wrap; }
.fd-box { display: block; min-width: 0; }
.fd-text { margin: 0; overflow-wrap: anywhere; }
.fd-text.small { font-size: 12px; line-height: 16px; }
.fd-text.large { font-size: 16px; line-height: 24px; }
.fd-text.strong, .fd-strong { font-weight: 600; }
.fd-em { font-style: italic; }
.fd-heading { margin: 0; color: var(--ds-text, #172B4D); font-weight: 600; }
.fd-heading.xxlarge { font-size: 35px; line-height: 40px; font-weight: 500; }
.fd-heading.xlarge { font-size: 29px; line-height: 32px; font-weight: 600; }
.fd-heading.large { font-size: 24px; line-height: 28px; font-weight: 500; }
.fd-heading.medium { font-size: 20px; line-height: 24px; font-weight: 500; }
.fd-heading.small { font-size: 16px; line-height: 20px; font-weight: 600; }
.fd-heading.xsmall { font-size: 14px; line-height: 16px; font-weight: 600; }
.fd-heading.xxsmall { font-size: 12px; line-height: 16px; font-weight: 600; }
.fd-badge { display: inline-block; min-width: 20px; padding: 0 6px; border-radius: 8px; font-size: 12px; line-height: 16px; text-align: center; background: var(--ds-background-neutral, #091E420F); color: var(--ds-text, #172B4D); }
.fd-badge.primary { background: var(--ds-background-brand-bold, #0C66E4); color: var(--ds-text-inverse, #FFFFFF); }
.fd-badge.primaryInverted { background: var(--ds-surface, #FFFFFF); color: var(--ds-text-brand, #0C66E4); }
.fd-badge.important { background: var(--ds-background-danger-bold, #C9372C); color: var(--ds-text-inverse, #FFFFFF); }
.fd-badge.added { background: var(--ds-background-success, #DCFFF1); color: var(--ds-text-success, #216E4E); }
.fd-badge.removed { background: var(--ds-background-danger, #FFECEB); color: var(--ds-text-danger, #AE2E24); }
.fd-spinner { display: inline-block; width: 24px; height: 24px; border-radius: 50%; border: 2px solid var(--ds-border, #091E4224); border-top-color: var(--ds-icon-subtle, #626F86); animation: fd-spin 0.86s linear infinite; vertical-align: middle; }
.fd-spinner.small { width: 16px; height: 16px; }
.fd-spinner.large { width: 48px; height: 48px; border-width: 3px; }
.fd-spinner.xlarge { width: 96px; height: 96px; border-width: 4px; }
@keyframes fd-spin { to { transform: rotate(360deg); } }
.fd-code { padding: 0 4px; border-radius: 3px; background: var(--ds-background-neutral, #091E420F); }
.fd-codeblock { margin: 0; padding: 8px 16px; border-radius: 3px; background: var(--ds-background-neutral, #091E420F); overflow-x: auto; font-size: 12px; line-height: 20px; }
.fd-list { margin: 0; padding-left: 24px; }
.fd-button-group { display: inline-flex; gap: 4px; flex-wrap: wrap; }
.fd-actions { display: flex; flex-wrap: wrap; gap: 16px; margin-top: 8px; }
.fd-table-wrap { overflow-x: auto; }
.fd-table caption { text-align: left; font-weight: 600; padding-bottom: 8px; }
.fd-empty { color: var(--ds-text-subtlest, #626F86); padding: 8px; }
.fd-unknown { border: 1px dashed var(--ds-border-warning, #E56910); border-radius: 3px; padding: 8px; background: var(--ds-background-warning, #FFF7D6); }
.fd-unknown > .fd-unknown-label { display: block; margin-bottom: 4px; font-size: 11px; line-height: 16px; font-weight: 700; text-transform: uppercase; color: var(--ds-text-warning, #A54800); }
.fd-label { display: block; font-size: 12px; line-height: 16px; font-weight: 600; color: var(--ds-text-subtle, #44546F); }
.fd-textfield, .fd-textarea { width: 100%; min-width: 160px; }
.fd-inline > .fd-textfield { width: auto; flex: 1; }
.fd-error { color: var(--ds-text-danger, #AE2E24); }
`;
