import {
  type AgentCatalog,
  BUILTIN_AGENTS,
  type FileForm,
  type Orchestration,
  seedFormBlocker,
} from '@baton/core';
import { create, type StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { type GraphViews, graphViews } from './graphViews';
import { emptyHistory, type History, recordEdit, redoStep, type Snapshot, undoStep } from './history';

/**
 * The one source of truth of the editor (docs/design.md §1): the orchestration document. The canvas's
 * nodes and the YAML text are derived from it; every edit, from the canvas, the Inspector or the
 * YAML tab, goes through `edit` (one undo step each).
 */
export interface DocumentState extends Snapshot {
  /** Text typed in the YAML tab that does not parse (shown there instead of the document's YAML). */
  unparsedText: string | null;
  /** The agent registry (the server's, else the built-in agents). */
  registry: AgentCatalog;
  views: GraphViews;
  history: History;
  /** Counts model edits (undo and redo included): drafts and the YAML tab follow it. */
  revision: number;
  /** What the server holds (last loaded or saved): there are unsaved changes when it differs. */
  saved: Pick<Snapshot, 'document' | 'preferredForm'>;

  /** Start editing a document (a fresh history); `saved` is what the server holds, if not this. */
  load(snapshot: Snapshot, saved?: Pick<Snapshot, 'document' | 'preferredForm'>): void;
  edit(change: (document: Orchestration) => Orchestration, options?: EditOptions): void;
  /** Replace the document with one parsed from text (YAML tab, import): keeps its source. */
  replace(snapshot: Snapshot, options?: EditOptions): void;
  /** The YAML tab's text does not parse (or, with null, no longer differs): one undo step. */
  setUnparsedText(text: string | null, options?: EditOptions): void;
  setPreferredForm(form: FileForm): void;
  setRegistry(registry: AgentCatalog): void;
  markSaved(): void;
  undo(): void;
  redo(): void;
}

export interface EditOptions {
  /** Edits sharing a key in quick succession (typing in one field) are one undo step. */
  coalesce?: string;
}

export const EMPTY_DOCUMENT: Orchestration = { version: 1, stages: [] };

const snapshotOf = (s: DocumentState): Snapshot => ({
  document: s.document,
  source: s.source,
  preferredForm: s.preferredForm,
  unparsedText: s.unparsedText,
});

/** The state after an undo or redo step: its snapshot, the views derived from it, one more revision. */
function restored(
  state: DocumentState,
  step: { history: History; snapshot: Snapshot },
): Partial<DocumentState> {
  return {
    ...step.snapshot,
    unparsedText: step.snapshot.unparsedText ?? null,
    views: graphViews(step.snapshot.document, state.registry, state.views),
    history: step.history,
    revision: state.revision + 1,
  };
}

const documentState: StateCreator<DocumentState> = (set, get) => ({
  document: EMPTY_DOCUMENT,
  source: null,
  preferredForm: 'seed',
  unparsedText: null,
  registry: BUILTIN_AGENTS,
  views: graphViews(EMPTY_DOCUMENT, BUILTIN_AGENTS),
  history: emptyHistory(),
  revision: 0,
  saved: { document: EMPTY_DOCUMENT, preferredForm: 'seed' },

  load(snapshot, saved) {
    const { registry, views, revision } = get();
    set({
      ...snapshot,
      unparsedText: snapshot.unparsedText ?? null,
      views: graphViews(snapshot.document, registry, views),
      history: emptyHistory(),
      revision: revision + 1,
      saved: saved ?? { document: snapshot.document, preferredForm: snapshot.preferredForm },
    });
  },

  edit(change, options) {
    const state = get();
    const document = change(state.document);
    if (document === state.document) return;
    const now = Date.now();
    set({
      document,
      unparsedText: null,
      views: graphViews(document, state.registry, state.views),
      history: recordEdit(state.history, snapshotOf(state), options?.coalesce ?? null, now),
      revision: state.revision + 1,
    });
  },

  replace(snapshot, options) {
    const state = get();
    set({
      ...snapshot,
      unparsedText: null,
      views: graphViews(snapshot.document, state.registry, state.views),
      history: recordEdit(state.history, snapshotOf(state), options?.coalesce ?? null, Date.now()),
      revision: state.revision + 1,
    });
  },

  setUnparsedText(text, options) {
    const state = get();
    if (state.unparsedText === text) return;
    set({
      unparsedText: text,
      history: recordEdit(state.history, snapshotOf(state), options?.coalesce ?? null, Date.now()),
      revision: state.revision + 1,
    });
  },

  setPreferredForm(form) {
    const state = get();
    if (state.preferredForm === form) return;
    set({
      preferredForm: form,
      unparsedText: null,
      history: recordEdit(state.history, snapshotOf(state), null, Date.now()),
      revision: state.revision + 1,
    });
  },

  setRegistry(registry) {
    const state = get();
    set({ registry, views: graphViews(state.document, registry, state.views) });
  },

  markSaved() {
    const { document, preferredForm } = get();
    set({ saved: { document, preferredForm } });
  },

  undo() {
    const state = get();
    const step = undoStep(state.history, snapshotOf(state));
    if (step) set(restored(state, step));
  },

  redo() {
    const state = get();
    const step = redoStep(state.history, snapshotOf(state));
    if (step) set(restored(state, step));
  },
});

export const useDocumentStore = create<DocumentState>()(documentState);

/** A document store of its own, starting empty (tests drive commands against one). */
export const createDocumentStore = () => createStore<DocumentState>()(documentState);

/** The form the YAML is shown and saved in: the preferred one when the document fits it. */
export function effectiveForm(document: Orchestration, preferred: FileForm): FileForm {
  return preferred === 'seed' && seedFormBlocker(document) === null ? 'seed' : 'full';
}

/** Unsaved changes: the document differs from what the server holds, or typed text does not parse. */
export const isDirty = (s: DocumentState) =>
  s.unparsedText !== null || s.document !== s.saved.document || s.preferredForm !== s.saved.preferredForm;
export const useIsDirty = () => useDocumentStore(isDirty);
export const useCanUndo = () => useDocumentStore((s) => s.history.past.length > 0);
export const useCanRedo = () => useDocumentStore((s) => s.history.future.length > 0);
