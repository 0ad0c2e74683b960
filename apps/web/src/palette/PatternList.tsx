import { PATTERN_TITLES, PATTERNS, type PatternName } from '@baton/core';
import { addFromPalette } from '../canvas/canvasActions';
import { endPaletteDrag, startPaletteDrag } from './dragPayload';
import { PatternGlyph } from './PatternGlyph';

/** One line on what each pattern is for (the seed's "When to use"). */
export const PATTERN_HINTS: Record<PatternName, string> = {
  parallel_independent: 'Tasks with no dependencies, all at once',
  sequential_handoff: 'Each step hands its output to the next',
  parallel_with_sync: 'Parallel lanes that meet at sync points',
  primary_with_reviewers: 'One implements, others review',
  incremental_validation: 'Phases, each gated by a validator',
  fan_out_fan_in: 'Many similar tasks, then one aggregation',
  conditional_branching: 'An analyzer picks the branch that runs',
};

export function PatternList() {
  return (
    <ul className="palette-list">
      {PATTERNS.map((pattern) => (
        <li key={pattern}>
          <button
            type="button"
            className={`palette-item palette-pattern pattern-${pattern}`}
            draggable
            onDoubleClick={() => addFromPalette({ kind: 'pattern', pattern })}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                addFromPalette({ kind: 'pattern', pattern });
              }
            }}
            onDragStart={(e) => startPaletteDrag(e, { kind: 'pattern', pattern })}
            onDragEnd={endPaletteDrag}
            data-testid={`palette-pattern-${pattern}`}
            title={`${PATTERN_HINTS[pattern]} — drag onto the canvas (or press Enter)`}
          >
            <PatternGlyph pattern={pattern} />
            <div className="palette-item-text">
              <div className="palette-item-name">{PATTERN_TITLES[pattern]}</div>
              <div className="palette-item-desc">{PATTERN_HINTS[pattern]}</div>
            </div>
          </button>
        </li>
      ))}
    </ul>
  );
}
