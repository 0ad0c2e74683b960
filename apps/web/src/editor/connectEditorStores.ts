import { appStores, type EditorStores, flowGraphOf } from '../canvas/flowElements';
import type { XY } from '../shared/geometry';

/**
 * The one piece of wiring between the editor's stores, started by the editor page and stopped by
 * its cleanup: a block stays where it was first shown, so later edits elsewhere (which move the
 * default places) do not move it. Its first place is written into the canvas's positions as soon
 * as it is drawn. A run's plan is only looked at: its places are not the editor's to keep.
 */
export function connectEditorStores(stores: EditorStores = appStores): () => void {
  const keepFirstPlaces = () => {
    const { runGraph, positions, setPositions } = stores.canvas.getState();
    if (runGraph) return;
    let unplaced: Record<string, XY> | null = null;
    for (const [stageId, block] of flowGraphOf(stores).blocks) {
      if (positions[stageId]) continue;
      unplaced ??= {};
      unplaced[stageId] = block.position;
    }
    if (unplaced) setPositions(unplaced);
  };
  keepFirstPlaces();
  const offDocument = stores.document.subscribe((state, previous) => {
    if (state.document !== previous.document || state.views !== previous.views) keepFirstPlaces();
  });
  const offCanvas = stores.canvas.subscribe((state, previous) => {
    if (state.positions !== previous.positions || state.runGraph !== previous.runGraph) keepFirstPlaces();
  });
  return () => {
    offDocument();
    offCanvas();
  };
}
