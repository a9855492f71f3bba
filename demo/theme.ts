/**
 * What Jira does for a Custom UI frame after `view.theme.enable()`: set the design-token theme
 * attributes on <html> and provide the token CSS. The CSS is Atlaskit's own generated theme files.
 */
import { createRequire } from 'node:module';

const load = createRequire(__filename);

const THEME_FILES = [
  'atlassian-light',
  'atlassian-dark',
  'atlassian-typography',
  'atlassian-spacing',
  'atlassian-shape',
];

let css: string | null = null;

export type ColorMode = 'light' | 'dark';

export function themeCss(): string {
  if (css === null) {
    css = THEME_FILES.map(
      (name) =>
        (load(`@atlaskit/tokens/dist/cjs/artifacts/themes/${name}.js`) as { default: string })
          .default,
    ).join('\n');
  }
  return css;
}

export function themeAttrs(mode: ColorMode): Record<string, string> {
  return {
    'data-theme': 'dark:dark light:light shape:shape spacing:spacing typography:typography',
    'data-color-mode': mode,
  };
}
