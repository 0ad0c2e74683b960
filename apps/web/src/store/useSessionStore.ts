import type { OrchestrationRecord } from '@baton/core';
import { create } from 'zustand';
import type { Draft } from './drafts';

/** Where the open document lives on the server, and the state of saving it. */
export interface SessionState {
  /** The stored orchestration's id; `null` for a new one not saved yet. */
  id: string | null;
  /** The version the edits started from: the `If-Match` of the next save. */
  baseVersion: number | null;
  name: string | null;
  /** When unsaved changes were restored from this browser's storage (shown as a banner). */
  restoredAt: string | null;
  /** Unsaved new orchestrations put aside when New opened an empty one, newest first: offered. */
  offered: Draft[];
  /** A save found a newer version on the server: what it holds now. */
  conflict: OrchestrationRecord | null;
  saving: boolean;
}

export const useSessionStore = create<SessionState>()(() => ({
  id: null,
  baseVersion: null,
  name: null,
  restoredAt: null,
  offered: [],
  conflict: null,
  saving: false,
}));
