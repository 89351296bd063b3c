/**
 * The page chrome in Jira's look: top navigation, project sidebar, breadcrumbs, issue layout, forms and tables.
 * Colours and spacing are ADS tokens with the light theme's values as fallbacks (see tokens.ts); sizes sit on
 * the 8px grid, text is 14px/20px in Atlassian's system font stack.
 */
export const PAGE_CSS = String.raw`
*, *::before, *::after { box-sizing: border-box; }
html, body { margin: 0; }
body {
  font: var(--ds-font-body, normal 400 14px/20px -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Oxygen, Ubuntu, "Fira Sans", "Droid Sans", "Helvetica Neue", sans-serif);
  color: var(--ds-text, #172B4D);
  background: var(--ds-surface, #FFFFFF);
  -webkit-font-smoothing: antialiased;
}
a { color: var(--ds-link, #0C66E4); text-decoration: none; }
a:hover { text-decoration: underline; }
h1, h2, h3, h4 { margin: 0; }
code, .mono { font-family: var(--ds-font-family-code, ui-monospace, Menlo, "Segoe UI Mono", "Ubuntu Mono", monospace); font-size: 12px; }
.subtle { color: var(--ds-text-subtle, #44546F); }
.subtlest { color: var(--ds-text-subtlest, #626F86); font-size: 12px; line-height: 16px; }

/* Top navigation */
.topnav {
  position: sticky; top: 0; z-index: 10; height: 56px; display: flex; align-items: center; gap: 4px;
  padding: 0 12px; background: var(--ds-surface, #FFFFFF); border-bottom: 1px solid var(--ds-border, #091E4224);
}
.topnav .product { display: flex; align-items: center; gap: 8px; height: 32px; padding: 0 8px; border-radius: 3px; color: var(--ds-text, #172B4D); font-weight: 600; font-size: 16px; }
.topnav .product:hover { background: var(--ds-background-neutral-subtle-hovered, #091E420F); text-decoration: none; }
.topnav .product small { font-size: 12px; font-weight: 500; color: var(--ds-text-subtlest, #626F86); }
.topnav nav { display: flex; gap: 4px; margin-left: 8px; height: 100%; }
.topnav nav a { display: inline-flex; align-items: center; padding: 0 8px; color: var(--ds-text-subtle, #44546F); font-weight: 500; position: relative; }
.topnav nav a:hover { color: var(--ds-text, #172B4D); text-decoration: none; }
.topnav nav a.current { color: var(--ds-text-selected, #0C66E4); }
.topnav nav a.current::after { content: ""; position: absolute; left: 4px; right: 4px; bottom: 0; height: 3px; border-radius: 3px 3px 0 0; background: var(--ds-border-selected, #0C66E4); }
.topnav .spacer { flex: 1; }
.acting { display: flex; align-items: center; gap: 8px; color: var(--ds-text-subtle, #44546F); font-size: 12px; }
.acting select { width: auto; height: 32px; padding: 0 8px; }

/* Layout */
.layout { display: flex; min-height: calc(100vh - 56px); }
.sidebar { flex: none; width: 240px; padding: 16px 8px; border-right: 1px solid var(--ds-border, #091E4224); background: var(--ds-surface, #FFFFFF); }
.sidebar .project { display: flex; align-items: center; gap: 8px; padding: 8px; margin-bottom: 8px; }
.sidebar .project strong { display: block; font-weight: 600; }
.sidebar h4 { margin: 16px 12px 4px; font-size: 12px; line-height: 16px; font-weight: 600; color: var(--ds-text-subtlest, #626F86); }
.sidebar a, .sidebar .item { display: flex; align-items: center; gap: 8px; height: 40px; padding: 0 12px; border-radius: 3px; color: var(--ds-text-subtle, #44546F); font-weight: 500; position: relative; }
.sidebar a:hover { background: var(--ds-background-neutral-subtle-hovered, #091E420F); text-decoration: none; }
.sidebar a.selected { background: var(--ds-background-selected, #E9F2FF); color: var(--ds-text-selected, #0C66E4); }
.sidebar a.selected::before { content: ""; position: absolute; left: 0; top: 8px; bottom: 8px; width: 4px; border-radius: 0 4px 4px 0; background: var(--ds-border-selected, #0C66E4); }
.sidebar .item { color: var(--ds-text-disabled, #091E424F); cursor: default; }
.main { flex: 1; min-width: 0; padding: 24px 40px 64px; }
.main.wide { max-width: 1280px; margin: 0 auto; }
.breadcrumbs { display: flex; flex-wrap: wrap; align-items: center; margin-bottom: 16px; color: var(--ds-text-subtle, #44546F); }
.breadcrumbs a { color: var(--ds-text-subtle, #44546F); display: inline-flex; align-items: center; gap: 4px; }
.breadcrumbs .sep { padding: 0 8px; color: var(--ds-text-subtlest, #626F86); }
.page-title { font: var(--ds-font-heading-large, normal 500 24px/28px -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif); letter-spacing: -0.01em; margin: 0 0 8px; }
.page-lead { margin: 0 0 24px; color: var(--ds-text-subtle, #44546F); }
h2.section { font-size: 16px; line-height: 20px; font-weight: 600; margin: 32px 0 8px; }
h3.section { font-size: 14px; line-height: 20px; font-weight: 600; margin: 24px 0 8px; }

/* Cards and grids */
.grid { display: grid; grid-template-columns: minmax(0, 1fr) 360px; gap: 40px; align-items: start; }
.card { border: 1px solid var(--ds-border, #091E4224); border-radius: 3px; background: var(--ds-surface, #FFFFFF); margin-bottom: 24px; }
.card > header { display: flex; align-items: center; gap: 8px; padding: 12px 16px; border-bottom: 1px solid var(--ds-border, #091E4224); font-weight: 600; }
.card > header .spacer { flex: 1; }
.card > .body { padding: 16px; }
.card > .body.flush { padding: 0; }
.sunken { background: var(--ds-surface-sunken, #F7F8F9); border-radius: 3px; padding: 16px; }
dl.details { display: grid; grid-template-columns: 128px minmax(0, 1fr); gap: 8px 16px; margin: 0; }
dl.details dt { color: var(--ds-text-subtle, #44546F); font-weight: 600; font-size: 12px; line-height: 24px; }
dl.details dd { margin: 0; min-height: 24px; display: flex; flex-wrap: wrap; align-items: center; gap: 4px; }
ul.links { list-style: none; margin: 0; padding: 0; }
ul.links li { padding: 8px 0; border-bottom: 1px solid var(--ds-border, #091E4224); }
ul.links li:last-child { border-bottom: 0; }
ul.links .subtlest { display: block; }
.dev-summary { margin: 0; }
h4.dev-group { margin: 16px 0 0; font-size: 12px; line-height: 16px; font-weight: 600; color: var(--ds-text-subtle, #44546F); }

/* Tables (Jira's list view) */
table.list { width: 100%; border-collapse: collapse; }
table.list th { text-align: left; font-size: 12px; line-height: 16px; font-weight: 600; color: var(--ds-text-subtle, #44546F); padding: 8px; border-bottom: 2px solid var(--ds-border, #091E4224); white-space: nowrap; }
table.list td { padding: 8px; border-bottom: 1px solid var(--ds-border, #091E4224); vertical-align: middle; }
table.list tr:hover td { background: var(--ds-background-neutral-subtle-hovered, #091E420F); }
table.list .key { white-space: nowrap; display: inline-flex; align-items: center; gap: 8px; }
table.list td.actions { white-space: nowrap; text-align: right; }
table.list code { white-space: nowrap; }

/* Lozenges, tags, avatars, icons */
.lozenge { display: inline-block; max-width: 200px; padding: 0 4px; border-radius: 3px; font-size: 11px; line-height: 16px; font-weight: 700; text-transform: uppercase; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; vertical-align: middle; background: var(--ds-background-neutral, #091E420F); color: var(--ds-text-subtle, #44546F); }
.lozenge.success { background: var(--ds-background-success, #DCFFF1); color: var(--ds-text-success, #216E4E); }
.lozenge.removed { background: var(--ds-background-danger, #FFECEB); color: var(--ds-text-danger, #AE2E24); }
.lozenge.inprogress { background: var(--ds-background-information, #E9F2FF); color: var(--ds-text-information, #0055CC); }
.lozenge.new { background: var(--ds-background-discovery, #F3F0FF); color: var(--ds-text-discovery, #5E4DB2); }
.lozenge.moved { background: var(--ds-background-warning, #FFF7D6); color: var(--ds-text-warning, #A54800); }
.lozenge.bold { color: var(--ds-text-inverse, #FFFFFF); background: var(--ds-background-neutral-bold, #44546F); }
.lozenge.bold.success { background: var(--ds-background-success-bold, #1F845A); }
.lozenge.bold.removed { background: var(--ds-background-danger-bold, #C9372C); }
.lozenge.bold.inprogress { background: var(--ds-background-information-bold, #0C66E4); }
.lozenge.bold.new { background: var(--ds-background-discovery-bold, #6E5DC6); }
.lozenge.bold.moved { background: var(--ds-background-warning-bold, #F5CD47); color: var(--ds-text-warning-inverse, #172B4D); }
.tag { display: inline-flex; align-items: center; height: 20px; padding: 0 4px; border-radius: 3px; background: var(--ds-background-neutral, #091E420F); color: var(--ds-text, #172B4D); font-size: 12px; }
.avatar { flex: none; display: inline-flex; align-items: center; justify-content: center; width: 24px; height: 24px; border-radius: 50%; color: #FFFFFF; font-size: 10px; font-weight: 600; line-height: 1; }
.avatar.large { width: 32px; height: 32px; font-size: 12px; }
.project-avatar { flex: none; display: inline-flex; align-items: center; justify-content: center; width: 32px; height: 32px; border-radius: 3px; color: #FFFFFF; font-size: 12px; font-weight: 700; }
.person { display: inline-flex; align-items: center; gap: 8px; }
.type-icon { flex: none; width: 16px; height: 16px; vertical-align: middle; }

/* Buttons */
.button { display: inline-flex; align-items: center; justify-content: center; gap: 4px; height: 32px; padding: 0 12px; border: 0; border-radius: 3px; font: inherit; font-weight: 500; white-space: nowrap; cursor: pointer; text-decoration: none; background: var(--ds-background-neutral, #091E420F); color: var(--ds-text-subtle, #44546F); }
.button:hover { background: var(--ds-background-neutral-hovered, #091E4224); text-decoration: none; }
.button:focus-visible { outline: 2px solid var(--ds-border-focused, #388BFF); outline-offset: 2px; }
.button.primary { background: var(--ds-background-brand-bold, #0C66E4); color: var(--ds-text-inverse, #FFFFFF); }
.button.primary:hover { background: var(--ds-background-brand-bold-hovered, #0055CC); }
.button.subtle { background: transparent; }
.button.subtle:hover { background: var(--ds-background-neutral-subtle-hovered, #091E420F); }
.button.link, .button.subtle-link { background: transparent; color: var(--ds-link, #0C66E4); padding: 0 4px; }
.button.link:hover, .button.subtle-link:hover { text-decoration: underline; }
.button.warning { background: var(--ds-background-warning-bold, #F5CD47); color: var(--ds-text-warning-inverse, #172B4D); }
.button.danger { background: var(--ds-background-danger-bold, #C9372C); color: var(--ds-text-inverse, #FFFFFF); }
.button:disabled, .button[aria-disabled="true"] { background: var(--ds-background-disabled, #091E4208); color: var(--ds-text-disabled, #091E424F); cursor: not-allowed; }
.button.status { gap: 8px; text-transform: none; }
.button.status.inprogress { background: var(--ds-background-information-bold, #0C66E4); color: var(--ds-text-inverse, #FFFFFF); }
.button.status.success { background: var(--ds-background-success-bold, #1F845A); color: var(--ds-text-inverse, #FFFFFF); }
.button-row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }

/* Forms */
.field { display: block; margin-bottom: 16px; }
.field > label, .field > .label { display: block; margin-bottom: 4px; font-size: 12px; line-height: 16px; font-weight: 600; color: var(--ds-text-subtle, #44546F); }
.field .help { display: block; margin-top: 4px; font-size: 12px; line-height: 16px; color: var(--ds-text-subtlest, #626F86); }
input[type="text"], .fd-textfield, textarea, select {
  width: 100%; font: inherit; color: var(--ds-text, #172B4D); background: var(--ds-background-input, #FFFFFF);
  border: 1px solid var(--ds-border-input, #8590A2); border-radius: 3px; padding: 7px 8px;
}
input[type="text"]:hover, .fd-textfield:hover, textarea:hover, select:hover { background: var(--ds-background-input-hovered, #F7F8F9); }
input[type="text"]:focus, .fd-textfield:focus, textarea:focus, select:focus { outline: none; border-color: var(--ds-border-focused, #388BFF); box-shadow: inset 0 0 0 1px var(--ds-border-focused, #388BFF); background: var(--ds-background-input-pressed, #FFFFFF); }
textarea { min-height: 96px; resize: vertical; }
textarea.small { min-height: 64px; }

/* Issue view */
.issue-header { display: flex; align-items: center; gap: 8px; margin-bottom: 8px; }
.issue-summary { font-size: 24px; line-height: 28px; font-weight: 500; letter-spacing: -0.01em; margin: 0 0 16px; overflow-wrap: anywhere; }
.description { white-space: pre-wrap; overflow-wrap: anywhere; }
.empty { color: var(--ds-text-subtlest, #626F86); font-style: italic; }
.comment { display: flex; gap: 12px; padding: 12px 0; }
.comment .who { font-weight: 600; }
.comment .when { color: var(--ds-text-subtlest, #626F86); font-size: 12px; margin-left: 8px; }
.comment .text { margin-top: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
.status-row { display: flex; align-items: center; gap: 8px; margin-bottom: 16px; }
.meta-times { margin-top: 16px; color: var(--ds-text-subtlest, #626F86); font-size: 12px; line-height: 20px; }

/* App surfaces: issue panel frame and Custom UI iframe */
.app-panel { border: 1px solid var(--ds-border, #091E4224); border-radius: 3px; margin: 24px 0; }
.app-panel > header { display: flex; align-items: center; gap: 8px; padding: 8px 12px; border-bottom: 1px solid var(--ds-border, #091E4224); font-weight: 600; }
.app-panel > header .spacer { flex: 1; }
.app-panel > .body { padding: 16px; }
.app-panel > .body[aria-busy="true"] { opacity: 0.6; }
.app-panel > footer { white-space: pre-wrap; padding: 4px 12px; border-top: 1px solid var(--ds-border, #091E4224); color: var(--ds-text-danger, #AE2E24); font-size: 12px; line-height: 16px; }
.app-panel > footer[hidden] { display: none; }
iframe.custom-ui { display: block; width: 100%; min-height: 480px; border: 0; }

/* Section messages (also used by the pages themselves) */
.section-message { display: flex; gap: 16px; padding: 16px; border-radius: 3px; margin-bottom: 16px; background: var(--ds-background-information, #E9F2FF); }
.section-message .icon { flex: none; width: 24px; height: 24px; }
.section-message h4 { font-size: 16px; line-height: 20px; font-weight: 600; margin: 0 0 8px; }
.section-message .content > :last-child { margin-bottom: 0; }
.section-message.warning { background: var(--ds-background-warning, #FFF7D6); }
.section-message.error { background: var(--ds-background-danger, #FFECEB); }
.section-message.success { background: var(--ds-background-success, #DCFFF1); }
.section-message.discovery { background: var(--ds-background-discovery, #F3F0FF); }
.flag { position: fixed; left: 24px; bottom: 24px; z-index: 20; max-width: 400px; padding: 16px; border-radius: 3px; background: var(--ds-surface-overlay, #FFFFFF); box-shadow: var(--ds-shadow-overlay, 0 8px 12px #091E4226, 0 0 1px #091E424F); display: flex; gap: 16px; }
`;
