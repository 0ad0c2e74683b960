import type { PatternName } from '@baton/core';
import { memo } from 'react';
import { WEB_PATTERNS } from './registry';

/** A pattern's glyph (its parts' drawing), for the palette, the blocks and the Inspector. */
function PatternGlyphView({ pattern, size = 24 }: { pattern: PatternName; size?: number }) {
  return (
    <svg
      className={`pattern-glyph glyph-${pattern}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
    >
      {WEB_PATTERNS[pattern].glyph}
    </svg>
  );
}

export const PatternGlyph = memo(PatternGlyphView);
