import { create } from 'zustand';

/** The node a palette item is being dragged over (step id, slot id or `stage:<id>`), to light it up. */
interface DropTargetState {
  key: string | null;
  set(key: string | null): void;
}

export const useDropTargetStore = create<DropTargetState>()((set, get) => ({
  key: null,
  set(key) {
    if (get().key !== key) set({ key });
  },
}));

export const useIsDropTarget = (key: string) => useDropTargetStore((s) => s.key === key);
