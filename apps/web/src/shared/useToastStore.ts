import { create } from 'zustand';

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'error';
  text: string;
}

interface ToastState {
  toasts: Toast[];
  show(tone: Toast['tone'], text: string, ms?: number): void;
  dismiss(id: number): void;
}

let next = 1;

/** Short messages in a corner: saved, import failed, copied… */
export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  show(tone, text, ms = 3500) {
    const id = next++;
    set({ toasts: [...get().toasts.slice(-3), { id, tone, text }] });
    window.setTimeout(() => get().dismiss(id), ms);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export const toast = (tone: Toast['tone'], text: string, ms?: number) =>
  useToastStore.getState().show(tone, text, ms);
