/**
 * The frame every page shares: Jira's top navigation with the "acting as" switch, an optional project sidebar,
 * breadcrumbs. Styles and scripts are served from this host (`/_sandbox/web/assets/…`), never from a CDN.
 */
import type { Account } from '../accounts';
import { html, raw, type HtmlValue, type SafeHtml } from '../html';
import { THEME_ATTRS } from './tokens';

export const ASSET_PREFIX = '/_sandbox/web/assets';
export const ACTING_USER_PATH = '/_sandbox/web/acting-user';

const JIRA_MARK = raw(
  '<svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true"><defs><linearGradient id="jm" x1="0.9" y1="0" x2="0.3" y2="0.8"><stop offset="0" stop-color="#0052CC"/><stop offset="1" stop-color="#2684FF"/></linearGradient></defs><path d="M22.2 11.3 12.7 1.8 12 1.1 4.8 8.3 1.8 11.3a.9.9 0 0 0 0 1.3l6.5 6.5L12 22.9l7.2-7.2.1-.1 2.9-2.9a.9.9 0 0 0 0-1.3zM12 15.2 8.8 12 12 8.8l3.2 3.2z" fill="#2684FF"/><path d="M12 8.8a5.4 5.4 0 0 1 0-7.6L5 8.2l3.8 3.8z" fill="url(#jm)"/></svg>',
);

export interface NavItem {
  href: string;
  text: string;
  icon?: SafeHtml;
}

export interface PageOptions {
  title: string;
  /** Which top navigation entry is current (its href). */
  current?: string;
  nav: readonly NavItem[];
  /** Whom the page acts as and whom it could act as instead. */
  acting: { account: Account | undefined; choices: readonly Account[]; returnTo: string };
  sidebar?: SafeHtml;
  breadcrumbs?: readonly (NavItem | string)[];
  body: HtmlValue;
  /** Script names under ASSET_PREFIX, loaded at the end of the body. */
  scripts?: readonly string[];
  /** `wide` centres the content without a sidebar (home page). */
  wide?: boolean;
}

function actingSwitch(acting: PageOptions['acting']): SafeHtml {
  const options = acting.choices.map(
    (a) =>
      html`<option value="${a.email}" ${a.email === acting.account?.email ? raw(' selected') : ''}>
        ${a.displayName} (${a.email})${a.admin ? ' · admin' : ''}
      </option>`,
  );
  return html`<form class="acting" method="post" action="${ACTING_USER_PATH}">
    <label for="acting-as">Acting as</label>
    <select id="acting-as" name="email" onchange="this.form.submit()">
      ${options}
    </select>
    <input type="hidden" name="returnTo" value="${acting.returnTo}" />
    <noscript><button class="button" type="submit">Switch</button></noscript>
  </form>`;
}

function breadcrumbs(items: readonly (NavItem | string)[]): SafeHtml {
  const parts = items.map((item, i) => {
    const sep = i > 0 ? html`<span class="sep">/</span>` : '';
    return typeof item === 'string'
      ? html`${sep}<span>${item}</span>`
      : html`${sep}<a class="crumb" href="${item.href}">${item.icon ?? ''}${item.text}</a>`;
  });
  return html`<nav class="breadcrumbs" aria-label="Breadcrumbs">${parts}</nav>`;
}

export function page(options: PageOptions): SafeHtml {
  const nav = options.nav.map(
    (item) =>
      html`<a
        href="${item.href}"
        ${item.href === options.current ? raw(' class="current" aria-current="page"') : ''}
        >${item.text}</a
      >`,
  );
  const main = html`<main class="main${options.wide === true ? ' wide' : ''}">
    ${options.breadcrumbs ? breadcrumbs(options.breadcrumbs) : ''} ${options.body}
  </main>`;
  return html`<!doctype html>
    <html
      lang="en"
      data-color-mode="${THEME_ATTRS['data-color-mode']}"
      data-theme="${THEME_ATTRS['data-theme']}"
    >
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} - Jira (Tandem sandbox)</title>
        <link rel="stylesheet" href="${ASSET_PREFIX}/tokens.css" />
        <link rel="stylesheet" href="${ASSET_PREFIX}/jira.css" />
      </head>
      <body>
        <header class="topnav">
          <a class="product" href="/">${JIRA_MARK}<span>Jira</span><small>Tandem sandbox</small></a>
          <nav aria-label="Primary">${nav}</nav>
          <span class="spacer"></span>
          ${actingSwitch(options.acting)}
        </header>
        ${options.sidebar ? html`<div class="layout">${options.sidebar}${main}</div>` : main}
        ${(options.scripts ?? []).map((s) => html`<script src="${ASSET_PREFIX}/${s}"></script>`)}
      </body>
    </html>`;
}
