import { BUILTIN_AGENTS, compile, durationOf, estimate, parse, stepIntervals } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { timelineRows } from '../src/run/timeline/timelineRows';
import { conditionalRunLog } from './runLog';

const YAML = `version: 1
stages:
  - id: quality
    pattern: conditional_branching
    conditional_logic:
      analyzer: architecture-guardian
      branches:
        - { condition: high_complexity, agent: codebase-cleaner }
        - { condition: simple_cleanup, agent: comment-cleaner }
`;

describe('timelineRows', () => {
  const document = parse(YAML).document;
  if (!document) throw new Error('the test file must parse');
  const { plan } = compile(document, { agents: BUILTIN_AGENTS });
  const est = estimate(plan, durationOf(BUILTIN_AGENTS));
  const events = conditionalRunLog();
  const start = Date.parse(events[1]?.ts ?? '');

  it('a row per step that ran, a bar per attempt, grouped by stage; none for a skipped branch', () => {
    const groups = timelineRows(plan, stepIntervals(events), est, 1, start);
    expect(groups.map((g) => g.stageId)).toEqual(['quality']);
    const rows = groups[0]?.rows ?? [];
    expect(rows.map((r) => r.stepId)).toEqual(['quality.analyzer', 'quality.branch.0']);
    expect(rows[0]?.bars.map((b) => [b.attempt, b.status])).toEqual([
      [1, 'retrying'],
      [2, 'succeeded'],
    ]);
    expect(rows[0]?.bars[0]?.startMs).toBe(3000);
    expect(rows[0]?.bars[0]?.endMs).toBe(5000);
  });

  it('places each step where the estimate expected it, divided by the run speed', () => {
    const rows = timelineRows(plan, stepIntervals(events), est, 4, start)[0]?.rows ?? [];
    const expected = est.schedule['quality.branch.0'];
    expect(rows[1]?.expected).toEqual({
      startMs: (expected?.startMs ?? 0) / 4,
      endMs: (expected?.endMs ?? 0) / 4,
    });
  });

  it('a running attempt has no end yet', () => {
    const rows = timelineRows(plan, stepIntervals(events.slice(0, 13)), est, 1, start)[0]?.rows ?? [];
    expect(rows[1]?.bars[0]?.endMs).toBeNull();
  });
});
