import { useEffect } from 'react';
import { clearDraft, draftOf, writeDraft, writeLayout } from '../store/drafts';
import { useCanvasStore } from '../store/useCanvasStore';
import { isDirty, useDocumentStore } from '../store/useDocumentStore';
import { useSessionStore } from '../store/useSessionStore';

/**
 * Unsaved changes go to local storage as they are made, so a reload or a crash loses nothing;
 * the blocks' places are kept per orchestration too. Saving clears the draft.
 */
export function useDraftPersistence(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const persist = () => {
      const state = useDocumentStore.getState();
      const { id, baseVersion } = useSessionStore.getState();
      if (!isDirty(state)) {
        clearDraft(id);
        return;
      }
      writeDraft(id, draftOf(state, baseVersion));
    };
    const offDocument = useDocumentStore.subscribe((state, previous) => {
      if (state.revision !== previous.revision || state.saved !== previous.saved) persist();
    });
    const offCanvas = useCanvasStore.subscribe((state, previous) => {
      if (state.positions !== previous.positions) writeLayout(useSessionStore.getState().id, state.positions);
    });
    window.addEventListener('pagehide', persist);
    return () => {
      offDocument();
      offCanvas();
      window.removeEventListener('pagehide', persist);
    };
  }, [active]);
}
