import type { StageOf } from '@baton/core';
import { taskListLayout } from '../parallel_independent/parts';
import type { WebPatternParts } from '../webPattern';
import { SequentialHandoffFields } from './Fields';

export const sequentialHandoffParts: WebPatternParts<StageOf<'sequential_handoff'>> = {
  Fields: SequentialHandoffFields,
  glyph: (
    <>
      <rect x="2" y="8" width="5" height="8" rx="1.5" />
      <rect x="9.5" y="8" width="5" height="8" rx="1.5" />
      <rect x="17" y="8" width="5" height="8" rx="1.5" />
      <path d="M7 12h2.5M14.5 12H17" className="glyph-line" />
    </>
  ),
  hint: 'Each step hands its output to the next',
  layout: taskListLayout,
};
