/** Sizes of the canvas's shapes, in flow units; the block layouts and the CSS agree on them. */
export const STEP_W = 196;
export const STEP_H = 64;
export const GAP_X = 20;
export const GAP_Y = 40;
export const PAD_X = 20;
export const HEADER_H = 52;
export const PAD_BOTTOM = 18;
export const BAR_H = 34;
export const ADD_ROW_H = 34;
export const BLOCK_GAP_X = 120;
export const BLOCK_GAP_Y = 72;
export const GRID = 16;

/** Columns for a grid of n equal items: a row when few, a compact rectangle when many. */
export function columnsFor(n: number): number {
  if (n <= 4) return Math.max(1, n);
  return Math.min(6, Math.ceil(Math.sqrt(n * 2)));
}
