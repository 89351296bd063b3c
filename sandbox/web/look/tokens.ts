/**
 * Atlassian design tokens, served locally as `/_sandbox/web/assets/tokens.css`. The CSS comes from the
 * installed @atlaskit/tokens theme artifacts (light colours, ADG3 typography, spacing, shape), the same
 * custom properties (`--ds-text`, `--ds-space-100`, …) Jira defines. The page CSS uses them with the light
 * theme's values as fallbacks, exactly as compiled ADS components do, so pages still look right if the
 * package is missing.
 */
import { createRequire } from 'node:module';

const THEMES = ['atlassian-light', 'atlassian-typography-adg3', 'atlassian-spacing', 'atlassian-shape'];

/** The `data-theme` attribute the theme selectors above match, as Jira sets it on `<html>`. */
export const THEME_ATTRS = {
  'data-color-mode': 'light',
  'data-theme': 'light:light spacing:spacing typography:typography-adg3 shape:shape',
};

function loadTheme(name: string): string | undefined {
  try {
    // The theme artifacts are CommonJS modules whose default export is a CSS string; @atlaskit/tokens has no
    // `exports` map, so the deep path is the package's public layout.
    const mod: unknown = createRequire(__filename)(`@atlaskit/tokens/dist/cjs/artifacts/themes/${name}.js`);
    const css: unknown = typeof mod === 'object' && mod !== null ? Reflect.get(mod, 'default') : undefined;
    return typeof css === 'string' ? css : undefined;
  } catch {
    return undefined;
  }
}

let cached: string | undefined;

export function tokensCss(): string {
  cached ??= THEMES.map(
    (name) => loadTheme(name) ?? `/* ${name}: @atlaskit/tokens not found, using fallbacks */`,
  ).join('\n');
  return cached;
}
