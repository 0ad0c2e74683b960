import type { StageOf } from '@baton/core';
import { columnsFor } from '../blockMetrics';
import { stepCell, stepsOf } from '../blockRows';
import type { WebPatternParts } from '../webPattern';
import { PrimaryWithReviewersFields } from './Fields';

export const primaryWithReviewersParts: WebPatternParts<StageOf<'primary_with_reviewers'>> = {
  Fields: PrimaryWithReviewersFields,
  glyph: (
    <>
      <rect x="7" y="2" width="10" height="7" rx="1.5" />
      <rect x="2" y="15" width="8" height="7" rx="1.5" />
      <rect x="14" y="15" width="8" height="7" rx="1.5" />
      <path d="M12 9v3M6 15v-3h12v3" className="glyph-line" />
    </>
  ),
  hint: 'One implements, others review',
  // The primary over its reviewers.
  layout(rows, steps) {
    const [primary] = stepsOf(steps, 'primary');
    if (primary) rows.centred(stepCell(primary));
    const cells = [
      ...stepsOf(steps, 'reviewer').map(stepCell),
      rows.slot('reviewer', { kind: 'reviewer' }, 'Drop a reviewer'),
    ];
    rows.grid(cells, Math.min(4, columnsFor(cells.length)));
  },
};
