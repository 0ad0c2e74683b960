import { compile, type Orchestration, PATTERNS, type PlanStep } from '@baton/core';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { blockLayout } from '../src/canvas/layout/blockLayout';
import { BlockRows, stepCell, stepsOf } from '../src/shared/patterns/blockRows';
import { WEB_PATTERNS } from '../src/shared/patterns/registry';
import type { WebPatternParts } from '../src/shared/patterns/webPattern';

describe("the editor's parts of every pattern, one entry each", () => {
  it('has a glyph, a hint, a layout and Inspector fields for every pattern core knows', () => {
    expect(Object.keys(WEB_PATTERNS).sort()).toEqual([...PATTERNS].sort());
    for (const pattern of PATTERNS) {
      const parts = WEB_PATTERNS[pattern];
      expect(parts.glyph).toBeTruthy();
      expect(parts.hint.length).toBeGreaterThan(0);
      expect(typeof parts.layout).toBe('function');
      expect(typeof parts.Fields).toBe('function');
    }
  });

  it("lays out a block through its pattern's part: every step placed once, inside the block", () => {
    const document: Orchestration = {
      version: 1,
      stages: [
        {
          pattern: 'primary_with_reviewers',
          id: 'review',
          primary_agent: 'fastapi-backend-expert',
          reviewer_agents: ['architecture-guardian', 'pytest-test-master'],
        },
      ],
    };
    const { plan } = compile(document);
    const stage = plan.stages[0];
    if (!stage) throw new Error('no stage');
    const layout = blockLayout(stage, plan.steps, document.stages[0] as Orchestration['stages'][number]);
    const placed = layout.items.filter((i) => i.kind === 'step').map((i) => i.id);
    expect(placed.sort()).toEqual(plan.steps.map((s) => s.id).sort());
    for (const item of layout.items) expect(item.x + item.w).toBeLessThanOrEqual(layout.width);
    expect(layout.items.some((i) => i.slot?.add.kind === 'reviewer')).toBe(true);
  });
});

/**
 * The web half of the eighth-pattern exercise (packages/core/test/patternRegistry.test.ts has
 * core's): a "pair_programming" pattern's web parts, here only. For real it would need one
 * folder, apps/web/src/shared/patterns/pair_programming/ (parts.tsx and its Inspector Fields.tsx,
 * built from the field widgets in shared/fields/), and one line in shared/patterns/registry.ts.
 * A colour in theme/blocks.css is optional (blocks default to the accent colour).
 */
interface PairStage {
  pattern: 'pair_programming';
  pair: { driver: string; navigator: string };
}
const pairParts: WebPatternParts<PairStage> = {
  Fields: () => createElement('p', null, 'A driver and a navigator'),
  glyph: createElement('rect', { x: 3, y: 5, width: 18, height: 14, rx: 2 }),
  hint: 'A driver, then a navigator over the same work',
  layout(rows, steps, model) {
    rows.grid(stepsOf(steps, 'task').map(stepCell), 2);
    if (!model.pair.navigator)
      rows.wide(rows.slot('navigator', { kind: 'task' }, 'Drop the navigator'), 34, 0);
  },
};

describe('a fake eighth pattern, laid out headless', () => {
  it('places its steps and its slot through the same rows every pattern uses', () => {
    const step = (id: string, index: number): PlanStep =>
      ({ id, role: 'task', index, stageId: 'pair' }) as unknown as PlanStep;
    const rows = new BlockRows('pair');
    pairParts.layout(rows, [step('pair.task.0', 0)], {
      pattern: 'pair_programming',
      pair: { driver: 'a', navigator: '' },
    });
    const layout = rows.finish();
    expect(layout.items.map((i) => i.id)).toEqual(['pair.task.0', 'slot:pair:navigator']);
    expect(layout.items[1]?.slot?.label).toBe('Drop the navigator');
  });
});
