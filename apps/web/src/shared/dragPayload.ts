import type { PatternName } from '@baton/core';

/** What a palette item carries while it is dragged onto the canvas. */
export type PalettePayload = { kind: 'agent'; name: string } | { kind: 'pattern'; pattern: PatternName };

export const PALETTE_MIME = 'application/x-baton-palette';

// During dragover the browser hides the data (only the types are visible): the page keeps the
// item being dragged so the canvas can light up the slot it would fill.
let current: PalettePayload | null = null;

export function startPaletteDrag(event: React.DragEvent, payload: PalettePayload) {
  current = payload;
  event.dataTransfer.setData(PALETTE_MIME, JSON.stringify(payload));
  event.dataTransfer.setData('text/plain', payload.kind === 'agent' ? payload.name : payload.pattern);
  event.dataTransfer.effectAllowed = 'copy';
}

export function endPaletteDrag() {
  current = null;
}

export function draggedPayload(event: React.DragEvent): PalettePayload | null {
  const raw = event.dataTransfer.getData(PALETTE_MIME);
  if (raw) {
    try {
      return JSON.parse(raw) as PalettePayload;
    } catch {
      return current;
    }
  }
  return current;
}

export const isPaletteDrag = (event: React.DragEvent) =>
  current !== null || event.dataTransfer.types.includes(PALETTE_MIME);
