import { PATTERNS } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { STAGE_RULES } from '../src/scheduler/patterns/registry.js';

describe("the engine's rules, one entry per pattern (docs/design.md §2.2)", () => {
  it('has every hook for every pattern core knows, and no other pattern', () => {
    expect(Object.keys(STAGE_RULES).sort()).toEqual([...PATTERNS].sort());
    for (const pattern of PATTERNS) {
      const rules = STAGE_RULES[pattern];
      for (const hook of [rules.succeeded, rules.ended, rules.revive, rules.restore]) {
        expect(typeof hook).toBe('function');
      }
    }
  });
});
