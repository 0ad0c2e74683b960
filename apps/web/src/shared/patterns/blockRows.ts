import type { AddSlot, PlanStep } from '@baton/core';
import { columnsFor, GAP_X, GAP_Y, HEADER_H, PAD_BOTTOM, PAD_X, STEP_H, STEP_W } from './blockMetrics';

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

export class BlockRows {
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

export const stepCell = (step: PlanStep) => ({ id: step.id, kind: 'step' as const });

/** A pattern's steps of one role, in plan order. */
export const stepsOf = (steps: readonly PlanStep[], role: PlanStep['role']) =>
  steps.filter((s) => s.role === role);
