import { emptyRunState, reduceRun } from '@baton/core';
import { describe, expect, it } from 'vitest';
import {
  selectBranchTaken,
  selectEdgeFlowing,
  selectStageStatus,
  selectStepSimulated,
  selectStepStatus,
} from '../src/runState/runSelectors';
import { conditionalRunLog } from './runLog';

describe('run selectors', () => {
  const events = conditionalRunLog();
  const at = (n: number) => reduceRun(events.slice(0, n));

  it('a step is idle with no run and until its first event', () => {
    expect(selectStepStatus(emptyRunState(), 'quality.analyzer')).toBe('idle');
    expect(selectStepStatus(at(3), 'quality.analyzer')).toBe('idle');
    expect(selectStepStatus(at(4), 'quality.analyzer')).toBe('queued');
    expect(selectStepStatus(at(5), 'quality.analyzer')).toBe('running');
    expect(selectStepStatus(at(7), 'quality.analyzer')).toBe('retrying');
    expect(selectStepStatus(at(9), 'quality.analyzer')).toBe('succeeded');
    expect(selectStepStatus(at(16), 'quality.branch.1')).toBe('skipped');
  });

  it('a block is idle with no run, pending in a run before its stage starts, then its stage status', () => {
    expect(selectStageStatus(emptyRunState(), 'quality')).toBe('idle');
    expect(selectStageStatus(at(2), 'quality')).toBe('pending');
    expect(selectStageStatus(at(3), 'quality')).toBe('running');
    expect(selectStageStatus(at(16), 'quality')).toBe('succeeded');
  });

  it('marks the branch taken and the others not, once the analyzer chose', () => {
    expect(selectBranchTaken(at(9), 'quality', 'quality.branch.0')).toBeNull();
    expect(selectBranchTaken(at(10), 'quality', 'quality.branch.0')).toBe(true);
    expect(selectBranchTaken(at(10), 'quality', 'quality.branch.1')).toBe(false);
  });

  it('an edge flows while its target works on what its source delivered', () => {
    const from = 'quality.analyzer';
    const to = 'quality.branch.0';
    expect(selectEdgeFlowing(at(8), from, to)).toBe(false);
    expect(selectEdgeFlowing(at(12), from, to)).toBe(true);
    expect(selectEdgeFlowing(at(13), from, to)).toBe(true);
    expect(selectEdgeFlowing(at(14), from, to)).toBe(false);
    expect(selectEdgeFlowing(at(16), from, 'quality.branch.1')).toBe(false);
  });

  it('one event gives a new object only to the step it names (one node re-renders)', () => {
    const before = at(12);
    const after = reduceRun(events.slice(12, 13), before);
    expect(after.steps['quality.branch.0']).not.toBe(before.steps['quality.branch.0']);
    expect(after.steps['quality.analyzer']).toBe(before.steps['quality.analyzer']);
    expect(after.steps['quality.branch.1']).toBe(before.steps['quality.branch.1']);
  });

  describe('the simulated label comes from the run, not the catalog', () => {
    // The analyzer's first attempt ran a simulated stand-in, its second (the last) the real agent.
    const marked = events.map((e) =>
      e.type === 'step.started' && e.stepId === 'quality.analyzer' && e.attempt === 1
        ? { ...e, data: { ...e.data, simulated: true } }
        : e,
    );
    const state = (n: number) => reduceRun(marked.slice(0, n));

    it('a started step is labelled as its last attempt ran, whatever the catalog says', () => {
      expect(selectStepSimulated(state(5), 'quality.analyzer', false, false)).toBe(true);
      expect(selectStepSimulated(state(8), 'quality.analyzer', false, true)).toBe(false);
      expect(selectStepSimulated(state(8), 'quality.analyzer', true, true)).toBe(false);
    });

    it('a step not started (or skipped) is simulated in a dry run, else as the catalog says', () => {
      expect(selectStepSimulated(state(16), 'quality.branch.1', true, false)).toBe(true);
      expect(selectStepSimulated(state(16), 'quality.branch.1', false, false)).toBe(false);
      expect(selectStepSimulated(state(16), 'quality.branch.1', false, true)).toBe(true);
      expect(selectStepSimulated(emptyRunState(), 'quality.analyzer', true, false)).toBe(true);
    });
  });
});
