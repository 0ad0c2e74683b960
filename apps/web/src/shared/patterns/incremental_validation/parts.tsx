import type { StageOf } from '@baton/core';
import { ADD_ROW_H } from '../blockMetrics';
import { stepCell, stepsOf } from '../blockRows';
import type { WebPatternParts } from '../webPattern';
import { IncrementalValidationFields } from './Fields';

export const incrementalValidationParts: WebPatternParts<StageOf<'incremental_validation'>> = {
  Fields: IncrementalValidationFields,
  glyph: (
    <>
      <rect x="2" y="3" width="9" height="6" rx="1.5" />
      <path d="M14 6l2.5 2.5L21 3.5" className="glyph-line" />
      <rect x="2" y="15" width="9" height="6" rx="1.5" />
      <path d="M14 18l2.5 2.5L21 15.5" className="glyph-line" />
      <path d="M6.5 9v6" className="glyph-line" />
    </>
  ),
  hint: 'Phases, each gated by a validator',
  // Phases as rows of agent → validator (or a slot for one), then a row to add a phase.
  layout(rows, steps) {
    const phases = stepsOf(steps, 'phase');
    const validators = new Map(stepsOf(steps, 'validator').map((v) => [v.index, v]));
    const cells = phases.flatMap((phase) => {
      const validator = validators.get(phase.index);
      return [
        stepCell(phase),
        validator
          ? stepCell(validator)
          : rows.slot(
              `validator-${phase.index}`,
              { kind: 'validator', phase: phase.index },
              'Drop a validator',
            ),
      ];
    });
    rows.grid(cells, phases.length > 8 ? 4 : 2);
    rows.wide(
      rows.slot(
        'phase',
        { kind: 'phase' },
        phases.length ? 'Drop an agent to add a phase' : 'Drop an agent to start the first phase',
      ),
      ADD_ROW_H,
    );
  },
};
