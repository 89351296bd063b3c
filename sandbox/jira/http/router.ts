import type { HttpMethod } from '../types';
import type { RequestContext } from './context';
import type { Reply } from './reply';

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  readonly method: HttpMethod;
  /** Spec-style template, e.g. `/rest/api/3/issue/{issueIdOrKey}/comment/{id}`. */
  readonly pattern: string;
  readonly handler: Handler;
  /** Development information exists only on the site the app is installed on. */
  readonly localSiteOnly?: boolean;
  /** Which kind of site serves it: Cloud (the default) or Data Center. */
  readonly flavor?: 'cloud' | 'data-center';
}

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly string[];
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'method-not-allowed' }
  | { readonly kind: 'not-found' };

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

/** Literal segments win over `{param}` segments, so `/issue/createmeta` is not read as an issue key. */
function specificity(segments: readonly string[]): number {
  return segments.reduce((n, s) => n * 2 + (s.startsWith('{') ? 0 : 1), 0);
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.routes = routes
      .map((route) => ({ route, segments: split(route.pattern) }))
      .sort((a, b) => specificity(b.segments) - specificity(a.segments));
  }

  match(method: string, path: string): RouteMatch {
    const parts = split(path);
    let pathMatched = false;
    for (const { route, segments } of this.routes) {
      const params = matchSegments(segments, parts);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { kind: 'found', route, params };
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  }
}

function matchSegments(
  segments: readonly string[],
  parts: readonly string[],
): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.startsWith('{') && segment.endsWith('}')) {
      params[segment.slice(1, -1)] = decodeURIComponent(part);
    } else if (segment !== part) {
      return undefined;
    }
  }
  return params;
}
