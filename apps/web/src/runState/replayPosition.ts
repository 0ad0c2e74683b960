import { type RunEvent, type RunState, reduceRun } from '@baton/core';

/**
 * The run's state after the first `position` events, reached from a state already folded to
 * `from` events when moving forward (only the new events are folded) and folded afresh when
 * moving back. Either way it equals `reduceRun(events.slice(0, position))`.
 */
export function stateAtPosition(
  events: readonly RunEvent[],
  position: number,
  from?: { position: number; state: RunState },
): RunState {
  const to = Math.max(0, Math.min(position, events.length));
  if (from && from.position <= to) {
    if (from.position === to) return from.state;
    return reduceRun(events.slice(from.position, to), from.state);
  }
  return reduceRun(events.slice(0, to));
}
