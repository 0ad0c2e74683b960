import { type AgentCatalog, deepEqual, type OrchestrationRecord } from '@baton/core';
import { useCanvasStore } from '../canvas/useCanvasStore';
import { requestFitView } from '../canvas/useFitViewRequests';
import type { Snapshot } from '../store/history';
import { EMPTY_DOCUMENT, useDocumentStore } from '../store/useDocumentStore';
import { useSelectionStore } from '../store/useSelectionStore';
import { analyzeYaml } from '../yaml/analyzeYaml';
import { clearDraft, type Draft, readDraft, readLayout } from './drafts';
import { snapshotFromText } from './snapshotFromText';
import { useSessionStore } from './useSessionStore';

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

/** Open a new, unsaved orchestration (or the one left unsaved here last time). */
export function openNew(registry: AgentCatalog) {
  open(null, NEW_SNAPSHOT, null, null, registry);
}
