import { describe, expect, it } from 'vitest';
import { stepDetails } from '../src/run/drawer/stepDetails';
import { conditionalRunLog } from './runLog';

describe('stepDetails', () => {
  const events = conditionalRunLog().filter((e) => e.stepId === 'quality.analyzer');

  it('shows the log and result of the events up to the position only', () => {
    expect(stepDetails(events, 5)).toEqual({ logs: [], result: null, verdict: null, reason: null });
    const mid = stepDetails(events, 7);
    expect(mid.logs).toEqual([{ stream: 'stdout', line: 'looking' }]);
    expect(mid.result).toBeNull();
    const end = stepDetails(events, 99);
    expect(end.result?.condition).toBe('high_complexity');
    expect(end.result?.output).toContain('# Found');
  });

  it('says why a step was skipped', () => {
    const skipped = conditionalRunLog().filter((e) => e.stepId === 'quality.branch.1');
    expect(stepDetails(skipped, 99).reason).toBe('branch not taken');
  });
});
