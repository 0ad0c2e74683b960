import { reduceRun } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { stateAtPosition } from '../src/runState/replayPosition';
import { conditionalRunLog } from './runLog';

describe('stateAtPosition', () => {
  const events = conditionalRunLog();

  it('equals reduceRun of the events up to every position, reached from scratch', () => {
    for (let n = 0; n <= events.length; n++) {
      expect(stateAtPosition(events, n)).toEqual(reduceRun(events.slice(0, n)));
    }
  });

  it('equals it too when moved forward and back one event at a time from any position', () => {
    let at = { position: 0, state: stateAtPosition(events, 0) };
    const walk = [3, 4, 9, 16, 15, 2, 2, 11, 0, 16];
    for (const n of walk) {
      const state = stateAtPosition(events, n, at);
      expect(state).toEqual(reduceRun(events.slice(0, n)));
      at = { position: n, state };
    }
  });

  it('folds only forward from a state it was given, leaving that state as it was', () => {
    const half = stateAtPosition(events, 8);
    const copy = structuredClone(half);
    stateAtPosition(events, 16, { position: 8, state: half });
    expect(half).toEqual(copy);
  });

  it('clamps positions outside the log', () => {
    expect(stateAtPosition(events, -3)).toEqual(reduceRun([]));
    expect(stateAtPosition(events, 999)).toEqual(reduceRun(events));
  });
});
