import type { PatternName } from '@baton/core';
import { memo } from 'react';

/** A small drawing of each pattern's shape, as the seed's diagrams draw it. */
const GLYPHS: Record<PatternName, React.ReactNode> = {
  parallel_independent: (
    <>
      <rect x="3" y="5" width="8" height="14" rx="2" />
      <rect x="13" y="5" width="8" height="14" rx="2" />
    </>
  ),
  sequential_handoff: (
    <>
      <rect x="2" y="8" width="5" height="8" rx="1.5" />
      <rect x="9.5" y="8" width="5" height="8" rx="1.5" />
      <rect x="17" y="8" width="5" height="8" rx="1.5" />
      <path d="M7 12h2.5M14.5 12H17" className="glyph-line" />
    </>
  ),
  parallel_with_sync: (
    <>
      <rect x="3" y="2" width="18" height="3" rx="1.5" />
      <rect x="4" y="8" width="7" height="8" rx="1.5" />
      <rect x="13" y="8" width="7" height="8" rx="1.5" />
      <rect x="3" y="19" width="18" height="3" rx="1.5" />
    </>
  ),
  primary_with_reviewers: (
    <>
      <rect x="7" y="2" width="10" height="7" rx="1.5" />
      <rect x="2" y="15" width="8" height="7" rx="1.5" />
      <rect x="14" y="15" width="8" height="7" rx="1.5" />
      <path d="M12 9v3M6 15v-3h12v3" className="glyph-line" />
    </>
  ),
  incremental_validation: (
    <>
      <rect x="2" y="3" width="9" height="6" rx="1.5" />
      <path d="M14 6l2.5 2.5L21 3.5" className="glyph-line" />
      <rect x="2" y="15" width="9" height="6" rx="1.5" />
      <path d="M14 18l2.5 2.5L21 15.5" className="glyph-line" />
      <path d="M6.5 9v6" className="glyph-line" />
    </>
  ),
  fan_out_fan_in: (
    <>
      <rect x="2" y="3" width="5" height="5" rx="1.2" />
      <rect x="9.5" y="3" width="5" height="5" rx="1.2" />
      <rect x="17" y="3" width="5" height="5" rx="1.2" />
      <rect x="8" y="16" width="8" height="6" rx="1.5" />
      <path d="M4.5 8l6 8M12 8v8M19.5 8l-6 8" className="glyph-line" />
    </>
  ),
  conditional_branching: (
    <>
      <path d="M12 2l5 5-5 5-5-5z" />
      <rect x="2" y="16" width="8" height="6" rx="1.5" />
      <rect x="14" y="16" width="8" height="6" rx="1.5" />
      <path d="M9 10l-3 6M15 10l3 6" className="glyph-line" />
    </>
  ),
};

function PatternGlyphView({ pattern, size = 24 }: { pattern: PatternName; size?: number }) {
  return (
    <svg
      className={`pattern-glyph glyph-${pattern}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
    >
      {GLYPHS[pattern]}
    </svg>
  );
}

export const PatternGlyph = memo(PatternGlyphView);
