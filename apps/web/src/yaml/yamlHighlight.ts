import { defaultHighlightStyle, HighlightStyle } from '@codemirror/language';

/**
 * CodeMirror's default highlight style with each colour turned into a CSS variable (falling back
 * to the original), so the YAML reads well in both the light and the dark theme.
 */
export const themedHighlightStyle = HighlightStyle.define(
  defaultHighlightStyle.specs.map((spec) =>
    typeof spec.color === 'string'
      ? { ...spec, color: `var(--syn-${spec.color.slice(1)}, ${spec.color})` }
      : spec,
  ),
);
