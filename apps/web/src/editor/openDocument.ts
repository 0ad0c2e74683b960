import { type AgentCatalog, deepEqual, type OrchestrationRecord } from '@baton/core';
import { requestFitView } from '../canvas/useFitViewRequests';
import { analyzeYaml } from '../model/analyzeYaml';
import { snapshotFromText } from '../model/snapshotFromText';
import {
  clearDraft,
  type Draft,
  draftOf,
  readDraft,
  readLayout,
  readSetAside,
  removeSetAside,
  setAside,
  writeDraft,
} from '../store/drafts';
import type { Snapshot } from '../store/history';
import { useCanvasStore } from '../store/useCanvasStore';
import { EMPTY_DOCUMENT, isDirty, useDocumentStore } from '../store/useDocumentStore';
import { useSelectionStore } from '../store/useSelectionStore';
import { useSessionStore } from '../store/useSessionStore';

export const NEW_SNAPSHOT: Snapshot = { document: EMPTY_DOCUMENT, source: null, preferredForm: 'seed' };

function draftSnapshot(draft: Draft, registry: AgentCatalog): Snapshot {
  const source = draft.sourceText ? analyzeYaml(draft.sourceText, registry).source : null;
  return {
    document: draft.document,
    source,
    preferredForm: draft.preferredForm,
    unparsedText: typeof draft.unparsedText === 'string' ? draft.unparsedText : null,
  };
}

const differs = (draft: Draft, saved: Snapshot) =>
  typeof draft.unparsedText === 'string' ||
  draft.preferredForm !== saved.preferredForm ||
  !deepEqual(draft.document, saved.document);

function open(
  id: string | null,
  saved: Snapshot,
  version: number | null,
  name: string | null,
  registry: AgentCatalog,
) {
  const draft = readDraft(id);
  const restore = draft && differs(draft, saved) ? draft : null;
  if (!restore) clearDraft(id);
  useSelectionStore.getState().select(null);
  useDocumentStore.getState().load(restore ? draftSnapshot(restore, registry) : saved, saved);
  useCanvasStore.getState().setPositions(readLayout(id), { replace: true });
  useSessionStore.setState({
    id,
    baseVersion: restore?.baseVersion ?? version,
    name,
    restoredAt: restore?.savedAt ?? null,
    offered: [],
    conflict: null,
    saving: false,
  });
  requestFitView({ animate: false });
}

/** Open a stored orchestration, with this browser's unsaved changes to it if there are any. */
export function openRecord(record: OrchestrationRecord, registry: AgentCatalog): boolean {
  const { snapshot } = snapshotFromText(record.yaml, registry);
  if (!snapshot) return false;
  open(record.id, snapshot, record.version, record.name, registry);
  return true;
}

/**
 * Open a new orchestration. `resume` (a reload of the page, Back to it) carries on with the
 * unsaved one it held; otherwise New is new: an unsaved one is put aside, and offered.
 */
export function openNew(registry: AgentCatalog, options: { resume?: boolean } = {}) {
  const draft = readDraft(null);
  if (!options.resume && draft && differs(draft, NEW_SNAPSHOT)) {
    setAside(draft);
    clearDraft(null);
  }
  open(null, NEW_SNAPSHOT, null, null, registry);
  useSessionStore.setState({ offered: readSetAside() });
}

/**
 * Restore an unsaved orchestration that was put aside. What is open now, if it has unsaved
 * changes, is put aside in its place: nothing is dropped by choosing.
 */
export function restoreSetAside(draft: Draft, registry: AgentCatalog) {
  const state = useDocumentStore.getState();
  if (isDirty(state)) setAside(draftOf(state, useSessionStore.getState().baseVersion));
  removeSetAside(draft.savedAt);
  writeDraft(null, draft);
  open(null, NEW_SNAPSHOT, null, null, registry);
  useSessionStore.setState({ offered: readSetAside() });
}

/** Drop an unsaved orchestration that was put aside (the person chose to). */
export function discardSetAside(draft: Draft) {
  removeSetAside(draft.savedAt);
  useSessionStore.setState({ offered: readSetAside() });
}
