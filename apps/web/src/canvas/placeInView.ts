/** A rectangle on screen, in pixels. */
export interface ScreenRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: ScreenRect, b: ScreenRect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Where a block dropped with its top-left at `rect` goes so that all of it is seen: moved the
 * least distance that keeps it inside `area` (the canvas less its margins) and clear of the
 * `obstacles` drawn over the canvas (minimap, zoom controls, estimate bar). A block larger than
 * the area keeps its top-left in the area (the view pans to it instead). Answers the new top-left.
 */
export function placeInView(
  rect: ScreenRect,
  area: ScreenRect,
  obstacles: ScreenRect[],
): { x: number; y: number; fits: boolean } {
  if (rect.width > area.width || rect.height > area.height) {
    return { x: Math.max(area.x, rect.x), y: Math.max(area.y, rect.y), fits: false };
  }
  const clamp = (r: ScreenRect): ScreenRect => ({
    ...r,
    x: Math.max(area.x, Math.min(r.x, area.x + area.width - r.width)),
    y: Math.max(area.y, Math.min(r.y, area.y + area.height - r.height)),
  });
  const distance = (r: ScreenRect) => Math.hypot(r.x - rect.x, r.y - rect.y);
  const clear = (r: ScreenRect) => !obstacles.some((o) => overlaps(r, o));
  let placed = clamp(rect);
  // Past each side of each obstacle it covers (kept in the area): the nearest place clear of all.
  for (let pass = 0; pass < obstacles.length && !clear(placed); pass++) {
    const from = placed;
    const candidates = obstacles
      .filter((o) => overlaps(from, o))
      .flatMap((o) => [
        { ...from, x: o.x - from.width },
        { ...from, x: o.x + o.width },
        { ...from, y: o.y - from.height },
        { ...from, y: o.y + o.height },
      ])
      .map(clamp);
    const best = candidates.filter(clear).sort((a, b) => distance(a) - distance(b))[0];
    placed = best ?? candidates.sort((a, b) => distance(a) - distance(b))[0] ?? from;
  }
  return { x: placed.x, y: placed.y, fits: clear(placed) };
}
