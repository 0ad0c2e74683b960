import type { StageOf } from '@baton/core';
import { columnsFor } from '../blockMetrics';
import { stepCell, stepsOf } from '../blockRows';
import type { WebPatternParts } from '../webPattern';
import { ConditionalBranchingFields } from './Fields';

export const conditionalBranchingParts: WebPatternParts<StageOf<'conditional_branching'>> = {
  Fields: ConditionalBranchingFields,
  glyph: (
    <>
      <path d="M12 2l5 5-5 5-5-5z" />
      <rect x="2" y="16" width="8" height="6" rx="1.5" />
      <rect x="14" y="16" width="8" height="6" rx="1.5" />
      <path d="M9 10l-3 6M15 10l3 6" className="glyph-line" />
    </>
  ),
  hint: 'An analyzer picks the branch that runs',
  // The analyzer over its branches.
  layout(rows, steps) {
    const [analyzer] = stepsOf(steps, 'analyzer');
    if (analyzer) rows.centred(stepCell(analyzer));
    const cells = [
      ...stepsOf(steps, 'branch').map(stepCell),
      rows.slot('branch', { kind: 'branch' }, 'Drop an agent to add a branch'),
    ];
    rows.grid(cells, Math.min(4, columnsFor(cells.length)));
  },
};
