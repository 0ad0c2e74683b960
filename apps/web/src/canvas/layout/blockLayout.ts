import type { PlanStage, PlanStep, Stage, SyncPoint } from '@baton/core';
import type { AddSlot } from '../../model/addAgent';
import {
  ADD_ROW_H,
  BAR_H,
  columnsFor,
  GAP_X,
  GAP_Y,
  HEADER_H,
  PAD_BOTTOM,
  PAD_X,
  STEP_H,
  STEP_W,
} from './metrics';

/** A shape inside a block, relative to the block's top-left corner. */
export interface LayoutItem {
  /** The node id: a plan step id, or `slot:<stage>:<key>` for a drop slot. */
  id: string;
  kind: 'step' | 'bar' | 'slot';
  x: number;
  y: number;
  w: number;
  h: number;
  /** For a slot: what a dropped agent becomes, and what the slot says. */
  slot?: { add: AddSlot; label: string };
}

export interface BlockLayout {
  width: number;
  height: number;
  items: LayoutItem[];
}

const MIN_INNER = 2 * STEP_W + GAP_X;

class Rows {
  items: LayoutItem[] = [];
  y = HEADER_H;
  width = MIN_INNER;

  constructor(readonly stageId: string) {}

  /** A grid of cells (steps, or slots shaped like steps), in reading order. */
  grid(cells: Omit<LayoutItem, 'x' | 'y' | 'w' | 'h'>[], columns = columnsFor(cells.length)) {
    if (!cells.length) return;
    const cols = Math.max(1, columns);
    cells.forEach((cell, i) => {
      const col = i % cols;
      const row = Math.floor(i / cols);
      this.items.push({
        ...cell,
        x: col * (STEP_W + GAP_X),
        y: this.y + row * (STEP_H + GAP_Y),
        w: STEP_W,
        h: STEP_H,
      });
    });
    const rows = Math.ceil(cells.length / cols);
    this.width = Math.max(this.width, Math.min(cells.length, cols) * (STEP_W + GAP_X) - GAP_X);
    this.y += rows * (STEP_H + GAP_Y);
  }

  /** One cell centred across the block (primary, analyzer, fan-in). */
  centred(cell: Omit<LayoutItem, 'x' | 'y' | 'w' | 'h'>) {
    this.items.push({ ...cell, x: Number.NaN, y: this.y, w: STEP_W, h: STEP_H });
    this.y += STEP_H + GAP_Y;
  }

  /** A full-width shape: a sync bar, or an "add" row. */
  wide(cell: Omit<LayoutItem, 'x' | 'y' | 'w' | 'h'>, height: number, gapAfter = GAP_Y) {
    this.items.push({ ...cell, x: 0, y: this.y, w: Number.NaN, h: height });
    this.y += height + gapAfter;
  }

  slot(key: string, add: AddSlot, label: string): Omit<LayoutItem, 'x' | 'y' | 'w' | 'h'> {
    return { id: `slot:${this.stageId}:${key}`, kind: 'slot', slot: { add, label } };
  }

  finish(): BlockLayout {
    const inner = this.width;
    const items = this.items.map((item) => {
      const w = Number.isNaN(item.w) ? inner : item.w;
      const x = Number.isNaN(item.x) ? (inner - w) / 2 : item.x;
      return { ...item, x: x + PAD_X, w };
    });
    const bottom = Math.max(HEADER_H + 40, ...items.map((item) => item.y + item.h));
    return { width: inner + 2 * PAD_X, height: bottom + PAD_BOTTOM, items };
  }
}

const stepCell = (step: PlanStep) => ({ id: step.id, kind: 'step' as const });
const syncName = (p: SyncPoint) => (typeof p === 'string' ? p : p.name);

/**
 * Where each step of a stage sits inside its block, as its pattern reads: side by side when
 * parallel, in reading order when chained, the primary over its reviewers, phases as rows of
 * agent → validator, fan-out over fan-in, the analyzer over its branches, sync bars across the
 * lanes. "+" slots show where a dropped agent would go.
 */
export function blockLayout(stage: PlanStage, steps: PlanStep[], model: Stage): BlockLayout {
  const rows = new Rows(stage.id);
  const of = (role: PlanStep['role']) => steps.filter((s) => s.role === role);
  switch (model.pattern) {
    case 'parallel_independent':
    case 'sequential_handoff': {
      const tasks = of('task');
      rows.grid(
        tasks.map(stepCell),
        model.pattern === 'sequential_handoff' ? Math.min(4, columnsFor(tasks.length)) : undefined,
      );
      rows.wide(
        rows.slot(
          'task',
          { kind: 'task' },
          tasks.length ? 'Drop an agent to add a task' : 'Drop agents here to add tasks',
        ),
        ADD_ROW_H,
        0,
      );
      break;
    }
    case 'parallel_with_sync': {
      const names = model.sync_points.map(syncName);
      const bars = of('sync');
      for (let s = 0; s <= names.length; s++) {
        const lane = steps.filter(
          (t) => t.role === 'task' && (s === 0 ? !t.syncPoint : t.syncPoint === names[s - 1]),
        );
        const after = s === 0 ? null : (names[s - 1] as string);
        const label = lane.length
          ? 'Drop an agent: add work here'
          : s === 0
            ? 'Drop an agent: parallel work'
            : 'Drop an agent: work after it';
        const cells = [...lane.map(stepCell), rows.slot(`lane-${s}`, { kind: 'task', after }, label)];
        rows.grid(cells, Math.min(4, columnsFor(cells.length)));
        const bar = bars[s];
        if (bar) rows.wide({ id: bar.id, kind: 'bar' }, BAR_H);
      }
      break;
    }
    case 'primary_with_reviewers': {
      const [primary] = of('primary');
      if (primary) rows.centred(stepCell(primary));
      const reviewers = of('reviewer');
      const cells = [
        ...reviewers.map(stepCell),
        rows.slot('reviewer', { kind: 'reviewer' }, 'Drop a reviewer'),
      ];
      rows.grid(cells, Math.min(4, columnsFor(cells.length)));
      break;
    }
    case 'incremental_validation': {
      const phases = of('phase');
      const validators = new Map(of('validator').map((v) => [v.index, v]));
      const cells = phases.flatMap((phase) => {
        const validator = validators.get(phase.index);
        return [
          stepCell(phase),
          validator
            ? stepCell(validator)
            : rows.slot(
                `validator-${phase.index}`,
                { kind: 'validator', phase: phase.index },
                'Drop a validator',
              ),
        ];
      });
      rows.grid(cells, phases.length > 8 ? 4 : 2);
      rows.wide(
        rows.slot(
          'phase',
          { kind: 'phase' },
          phases.length ? 'Drop an agent to add a phase' : 'Drop an agent to start the first phase',
        ),
        ADD_ROW_H,
      );
      break;
    }
    case 'fan_out_fan_in': {
      const out = of('fanout');
      const label = model.fan_out.agent ? 'Drop to add a fan-out task' : 'Drop the fan-out agent';
      const cells = [...out.map(stepCell), rows.slot('fanout', { kind: 'fanout' }, label)];
      rows.grid(cells);
      const [fanIn] = of('fanin');
      if (fanIn) rows.centred(stepCell(fanIn));
      break;
    }
    case 'conditional_branching': {
      const [analyzer] = of('analyzer');
      if (analyzer) rows.centred(stepCell(analyzer));
      const branches = of('branch');
      const cells = [
        ...branches.map(stepCell),
        rows.slot('branch', { kind: 'branch' }, 'Drop an agent to add a branch'),
      ];
      rows.grid(cells, Math.min(4, columnsFor(cells.length)));
      break;
    }
  }
  return rows.finish();
}
