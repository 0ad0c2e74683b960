import type { StepRole } from '../plan/types.js';

/**
 * Where a dropped agent goes inside a block, besides onto an existing step: the "+" slots each
 * pattern offers. `auto` is a drop on the block's body: the pattern's most natural next slot.
 */
export type AddSlot =
  | { kind: 'auto' }
  | { kind: 'task'; after?: string | null }
  | { kind: 'primary' }
  | { kind: 'reviewer' }
  | { kind: 'phase' }
  | { kind: 'validator'; phase: number }
  | { kind: 'fanout' }
  | { kind: 'fanin' }
  | { kind: 'analyzer' }
  | { kind: 'branch' };

/** Where a plan step lives in the model: its stage, its role there and its index among that role. */
export interface StepRef {
  stageIndex: number;
  role: StepRole;
  index: number;
}

/** The first `<prefix><n>` not taken, counting on from the list's length. */
export function nextName(prefix: string, taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) {
    const name = `${prefix}${n}`;
    if (!taken.includes(name)) return name;
  }
}

/** Move an array item from one index to another (both clamped), returning a new array. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = items.slice();
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item as T);
  return out;
}
