import { hasErrors, type OrchestrationRecord } from '@baton/core';
import { ApiRequestError, api, VersionConflictError } from '../api/client';
import { keys, queryClient } from '../api/queries';
import { analyzeYaml } from '../model/analyzeYaml';
import { toast } from '../shared/useToastStore';
import { clearDraft, clearLayout, writeLayout } from '../store/drafts';
import { useCanvasStore } from '../store/useCanvasStore';
import { isDirty, useDocumentStore } from '../store/useDocumentStore';
import { useSessionStore } from '../store/useSessionStore';
import { documentYaml } from '../yaml/documentYaml';
import { flushYamlEdits } from '../yaml/useYamlEditorStore';
import { openRecord } from './openDocument';
import { adoptSavedId } from './useEditorSession';

type Navigate = (path: string, options?: { replace?: boolean }) => void;

function currentYaml(): string {
  const { document, preferredForm, source } = useDocumentStore.getState();
  return documentYaml(document, preferredForm, source).text;
}

function remember(record: OrchestrationRecord) {
  queryClient.setQueryData(keys.one(record.id), record);
  void queryClient.invalidateQueries({ queryKey: keys.list, exact: true });
}

/** Create a stored orchestration from the open document and move the editor to its address. */
async function saveAsNew(
  yaml: string,
  navigate: Navigate,
  previousId: string | null,
): Promise<OrchestrationRecord> {
  const record = await api.create(yaml);
  remember(record);
  const positions = useCanvasStore.getState().positions;
  writeLayout(record.id, positions);
  clearDraft(previousId);
  if (previousId === null) clearLayout(null);
  useSessionStore.setState({
    id: record.id,
    baseVersion: record.version,
    name: record.name,
    restoredAt: null,
    conflict: null,
  });
  useDocumentStore.getState().markSaved();
  clearDraft(record.id);
  adoptSavedId(record.id);
  navigate(`/o/${record.id}`, { replace: previousId === null });
  return record;
}

/**
 * Save the open document: a new one is created; a stored one is updated with `If-Match` on the
 * version the edits started from. A stale version comes back as a conflict for the person to
 * settle (reload theirs, or keep mine as a copy); nothing is overwritten and nothing is lost.
 */
export async function saveDocument(navigate: Navigate): Promise<void> {
  const session = useSessionStore.getState();
  if (session.saving) return;
  flushYamlEdits();
  const yaml = currentYaml();
  // Text typed in the YAML tab that does not parse is what the person sees: its errors stop the
  // save, rather than the last valid version being stored in its place.
  const unparsed = useDocumentStore.getState().unparsedText;
  const analysis = analyzeYaml(unparsed ?? yaml, useDocumentStore.getState().registry);
  if (hasErrors(analysis.diagnostics)) {
    const count = analysis.diagnostics.filter((d) => d.severity === 'error').length;
    toast(
      'error',
      `Fix ${count} error${count === 1 ? '' : 's'} before saving (see the YAML tab). Your changes are kept in this browser.`,
      6000,
    );
    return;
  }
  useSessionStore.setState({ saving: true });
  try {
    if (session.id === null || session.baseVersion === null) {
      await saveAsNew(yaml, navigate, session.id);
    } else {
      const record = await api.update(session.id, yaml, session.baseVersion);
      remember(record);
      useSessionStore.setState({ baseVersion: record.version, name: record.name, restoredAt: null });
      useDocumentStore.getState().markSaved();
      clearDraft(session.id);
    }
    toast('success', 'Saved');
  } catch (error) {
    if (error instanceof VersionConflictError) {
      useSessionStore.setState({ conflict: error.current });
    } else {
      const message = error instanceof ApiRequestError ? error.message : 'the server did not answer';
      toast('error', `Not saved: ${message}. Your changes are kept in this browser.`, 7000);
    }
  } finally {
    useSessionStore.setState({ saving: false });
  }
}

/**
 * Make sure what is open is stored (a run belongs to a stored version): save when there are
 * unsaved changes. Answers the orchestration's id, or null when it is not saved (the save
 * said why).
 */
export async function ensureSaved(navigate: Navigate): Promise<string | null> {
  const stored = () => {
    const { id } = useSessionStore.getState();
    return id !== null && !isDirty(useDocumentStore.getState()) ? id : null;
  };
  flushYamlEdits();
  if (stored()) return stored();
  await saveDocument(navigate);
  return stored();
}

/** Settle a conflict by taking the server's version (my changes are dropped, as chosen). */
export function reloadTheirs() {
  const { conflict, id } = useSessionStore.getState();
  if (!conflict) return;
  clearDraft(id);
  queryClient.setQueryData(keys.one(conflict.id), conflict);
  openRecord(conflict, useDocumentStore.getState().registry);
  toast('info', `Reloaded version ${conflict.version}`);
}

/** Settle a conflict by saving my document as a new orchestration; theirs stays as it is. */
export async function keepMineAsCopy(navigate: Navigate) {
  const { id } = useSessionStore.getState();
  useSessionStore.setState({ conflict: null, saving: true });
  try {
    await saveAsNew(currentYaml(), navigate, id);
    toast('success', 'Saved your version as a copy');
  } catch (error) {
    const message = error instanceof ApiRequestError ? error.message : 'the server did not answer';
    toast('error', `Not saved: ${message}. Your changes are kept in this browser.`, 7000);
  } finally {
    useSessionStore.setState({ saving: false });
  }
}
