/** Small pieces of Jira's look as HTML: lozenges, avatars, issue type icons, section messages, dates. */
import { html, raw, type HtmlValue, type SafeHtml } from '../html';

/** Jira colours a status by its category: To Do grey, In Progress blue, Done green. */
export function statusAppearance(categoryKey: string | undefined): 'default' | 'inprogress' | 'success' {
  if (categoryKey === 'indeterminate') return 'inprogress';
  if (categoryKey === 'done') return 'success';
  return 'default';
}

export function lozenge(text: string, appearance = 'default', bold = false): SafeHtml {
  const cls = ['lozenge', appearance === 'default' ? '' : appearance, bold ? 'bold' : '']
    .filter(Boolean)
    .join(' ');
  return html`<span class="${cls}">${text}</span>`;
}

export function statusLozenge(
  status: { name: string; statusCategory?: { key: string } | undefined } | undefined,
): SafeHtml {
  return status ? lozenge(status.name, statusAppearance(status.statusCategory?.key)) : html``;
}

/** ADS avatar colours; a person keeps the same one on every page because it is picked from their id. */
const AVATAR_COLOURS = [
  '#0C66E4',
  '#1F845A',
  '#6E5DC6',
  '#C9372C',
  '#E56910',
  '#1D7AFC',
  '#943D73',
  '#206A83',
];

function hashIndex(seed: string, size: number): number {
  let h = 0;
  for (const ch of seed) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return h % size;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]?.[0], parts.at(-1)?.[0]] : [parts[0]?.[0], parts[0]?.[1]];
  return (
    letters
      .filter((l): l is string => l !== undefined)
      .join('')
      .toUpperCase() || '?'
  );
}

export function avatar(name: string, seed: string, size: 'small' | 'large' = 'small'): SafeHtml {
  const colour = AVATAR_COLOURS[hashIndex(seed, AVATAR_COLOURS.length)] ?? '#0C66E4';
  return html`<span
    class="avatar${size === 'large' ? ' large' : ''}"
    style="background:${colour}"
    aria-hidden="true"
    >${initials(name)}</span
  >`;
}

export function person(
  user: { displayName?: string | undefined; accountId: string } | null | undefined,
): SafeHtml {
  if (!user) return html`<span class="subtle">Unassigned</span>`;
  const name = user.displayName ?? user.accountId;
  return html`<span class="person">${avatar(name, user.accountId)}<span>${name}</span></span>`;
}

export function projectAvatar(key: string): SafeHtml {
  const colour = AVATAR_COLOURS[hashIndex(key, AVATAR_COLOURS.length)] ?? '#0C66E4';
  return html`<span class="project-avatar" style="background:${colour}" aria-hidden="true"
    >${key.slice(0, 2)}</span
  >`;
}

/** Jira's issue type icons, drawn inline (no network): task blue check, bug red dot, story green bookmark. */
export function issueTypeIcon(typeName: string | undefined): SafeHtml {
  const name = (typeName ?? 'Task').toLowerCase();
  const label = typeName ?? 'Task';
  if (name === 'bug') {
    return html`<svg class="type-icon" viewBox="0 0 16 16" role="img" aria-label="${label}">
      <rect width="16" height="16" rx="2" fill="#E5493A" />
      <circle cx="8" cy="8" r="3.5" fill="#fff" />
    </svg>`;
  }
  if (name === 'story') {
    return html`<svg class="type-icon" viewBox="0 0 16 16" role="img" aria-label="${label}">
      <rect width="16" height="16" rx="2" fill="#63BA3C" />
      <path d="M5 4h6v8.5l-3-2-3 2z" fill="#fff" />
    </svg>`;
  }
  if (name === 'epic') {
    return html`<svg class="type-icon" viewBox="0 0 16 16" role="img" aria-label="${label}">
      <rect width="16" height="16" rx="2" fill="#904EE2" />
      <path d="M9 3 5 9h3l-1 4 4-6H8z" fill="#fff" />
    </svg>`;
  }
  return html`<svg class="type-icon" viewBox="0 0 16 16" role="img" aria-label="${label}">
    <rect width="16" height="16" rx="2" fill="#4BADE8" />
    <path
      d="m4.5 8.2 2.3 2.3 4.7-5"
      stroke="#fff"
      stroke-width="1.8"
      fill="none"
      stroke-linecap="round"
      stroke-linejoin="round"
    />
  </svg>`;
}

const MESSAGE_ICONS: Readonly<Record<string, string>> = {
  information:
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="9" fill="#1D7AFC"/><rect x="11" y="10" width="2" height="7" rx="1" fill="#fff"/><circle cx="12" cy="7.5" r="1.25" fill="#fff"/></svg>',
  warning:
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M10.3 4.2a2 2 0 0 1 3.4 0l7.4 12.8a2 2 0 0 1-1.7 3H4.6a2 2 0 0 1-1.7-3z" fill="#E56910"/><rect x="11" y="8" width="2" height="6" rx="1" fill="#fff"/><circle cx="12" cy="16.5" r="1.25" fill="#fff"/></svg>',
  error:
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="9" fill="#C9372C"/><path d="m9 9 6 6m0-6-6 6" stroke="#fff" stroke-width="2" stroke-linecap="round"/></svg>',
  success:
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="9" fill="#22A06B"/><path d="m8 12.5 2.7 2.7L16 9.8" stroke="#fff" stroke-width="2" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  discovery:
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="9" fill="#8270DB"/><path d="M10 9.5a2 2 0 1 1 2.8 1.8c-.5.3-.8.7-.8 1.2v.5" stroke="#fff" stroke-width="2" fill="none" stroke-linecap="round"/><circle cx="12" cy="16.5" r="1.25" fill="#fff"/></svg>',
};

/** UI Kit also accepts the older appearance names; they map to the ADS ones. */
export function messageAppearance(value: unknown): string {
  const name = typeof value === 'string' ? value : 'information';
  const aliases: Readonly<Record<string, string>> = {
    info: 'information',
    confirmation: 'success',
    change: 'discovery',
    danger: 'error',
  };
  const resolved = aliases[name] ?? name;
  return resolved in MESSAGE_ICONS ? resolved : 'information';
}

export function sectionMessage(
  appearance: string,
  title: string | undefined,
  content: HtmlValue,
  actions?: HtmlValue,
): SafeHtml {
  const kind = messageAppearance(appearance);
  return html`<section class="section-message ${kind === 'information' ? '' : kind}" role="region">
    ${raw(MESSAGE_ICONS[kind] ?? '')}
    <div class="content">
      ${title !== undefined && title !== '' ? html`<h4>${title}</h4>` : ''}${content}${actions ?? ''}
    </div>
  </section>`;
}

/** Jira shows dates like "2 June 2025, 09:01"; the sandbox's clock is UTC. */
export function formatDate(iso: string | undefined): string {
  if (iso === undefined) return '';
  const d = new Date(iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
}

/** A generic app icon for app surfaces; the manifest's icon is on Atlassian's CDN, and pages load nothing remote. */
export const APP_ICON = raw(
  '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><rect width="16" height="16" rx="3" fill="#6E5DC6"/><path d="M4 5.5h3.5a2 2 0 0 1 0 4H6M12 10.5H8.5a2 2 0 0 1 0-4H10" stroke="#fff" stroke-width="1.5" fill="none" stroke-linecap="round"/></svg>',
);
