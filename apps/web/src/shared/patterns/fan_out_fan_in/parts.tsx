import type { StageOf } from '@baton/core';
import { stepCell, stepsOf } from '../blockRows';
import type { WebPatternParts } from '../webPattern';
import { FanOutFanInFields } from './Fields';

export const fanOutFanInParts: WebPatternParts<StageOf<'fan_out_fan_in'>> = {
  Fields: FanOutFanInFields,
  glyph: (
    <>
      <rect x="2" y="3" width="5" height="5" rx="1.2" />
      <rect x="9.5" y="3" width="5" height="5" rx="1.2" />
      <rect x="17" y="3" width="5" height="5" rx="1.2" />
      <rect x="8" y="16" width="8" height="6" rx="1.5" />
      <path d="M4.5 8l6 8M12 8v8M19.5 8l-6 8" className="glyph-line" />
    </>
  ),
  hint: 'Many similar tasks, then one aggregation',
  // The fan-out tasks over the fan-in.
  layout(rows, steps, model) {
    const label = model.fan_out.agent ? 'Drop to add a fan-out task' : 'Drop the fan-out agent';
    rows.grid([...stepsOf(steps, 'fanout').map(stepCell), rows.slot('fanout', { kind: 'fanout' }, label)]);
    const [fanIn] = stepsOf(steps, 'fanin');
    if (fanIn) rows.centred(stepCell(fanIn));
  },
};
