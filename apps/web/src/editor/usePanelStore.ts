import { create } from 'zustand';

export type PanelTab = 'inspector' | 'yaml' | 'run';

/** Which tab of the right panel is open. The YAML shows first: the file is always in view. */
export const usePanelStore = create<{ tab: PanelTab; setTab(tab: PanelTab): void }>()((set) => ({
  tab: 'yaml',
  setTab: (tab) => set({ tab }),
}));
