import { describe, expect, it } from 'vitest';
import { placeInView } from '../src/canvas/placeInView';

const area = { x: 0, y: 0, width: 800, height: 600 };
const minimap = { x: 620, y: 480, width: 180, height: 120 };

describe('placeInView', () => {
  it('leaves a block that is wholly in view where it was dropped', () => {
    expect(placeInView({ x: 100, y: 100, width: 300, height: 200 }, area, [minimap])).toEqual({
      x: 100,
      y: 100,
      fits: true,
    });
  });

  it('moves a block past the right or bottom edge back inside, the least distance', () => {
    expect(placeInView({ x: 700, y: 100, width: 300, height: 200 }, area, [])).toEqual({
      x: 500,
      y: 100,
      fits: true,
    });
    expect(placeInView({ x: 100, y: 550, width: 300, height: 200 }, area, [])).toEqual({
      x: 100,
      y: 400,
      fits: true,
    });
  });

  it('moves a block off the minimap to its nearest clear side', () => {
    // Dropped in the bottom-right corner: inside, then above the minimap (60 px) rather than left of it (180 px).
    expect(placeInView({ x: 780, y: 580, width: 300, height: 200 }, area, [minimap])).toEqual({
      x: 500,
      y: 280,
      fits: true,
    });
    // A wide, short block near the bottom: left of the minimap is nearer.
    expect(placeInView({ x: 500, y: 500, width: 210, height: 100 }, area, [minimap])).toEqual({
      x: 410,
      y: 500,
      fits: true,
    });
  });

  it('says a block larger than the view does not fit, keeping its top-left in view', () => {
    expect(placeInView({ x: -50, y: 300, width: 900, height: 200 }, area, [])).toEqual({
      x: 0,
      y: 300,
      fits: false,
    });
  });
});
