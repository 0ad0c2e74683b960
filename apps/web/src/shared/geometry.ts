/** A point on the canvas, in flow coordinates. */
export interface XY {
  x: number;
  y: number;
}
