import { type Diagnostic, formatDiagnostic } from '@baton/core';
import { snapshotFromText } from '../model/snapshotFromText';
import { toast } from '../shared/useToastStore';
import { requestFitView } from '../shared/viewRequests';
import { useCanvasStore } from '../store/useCanvasStore';
import { useDocumentStore } from '../store/useDocumentStore';
import { useSelectionStore } from '../store/useSelectionStore';

/**
 * Open a file's text (either form) in place of the current document: one undoable edit.
 * Returns the diagnostics that stopped it, or `[]` when it was imported.
 */
export function importText(text: string, name = 'the file'): Diagnostic[] {
  const { registry, replace } = useDocumentStore.getState();
  const { snapshot, diagnostics } = snapshotFromText(text, registry);
  if (!snapshot) return diagnostics.filter((d) => d.severity === 'error');
  useSelectionStore.getState().select(null);
  replace(snapshot);
  useCanvasStore.getState().setPositions({}, { replace: true });
  requestFitView();
  const steps = useDocumentStore.getState().views.plan.steps.length;
  const form = snapshot.preferredForm === 'seed' ? 'seed form' : 'full form';
  toast('success', `Imported ${name} (${form}, ${snapshot.document.stages.length} stages, ${steps} steps)`);
  return [];
}

export async function importFile(file: File): Promise<Diagnostic[]> {
  const text = await file.text();
  const problems = importText(text, file.name);
  if (problems.length) {
    toast(
      'error',
      `Cannot import ${file.name}: ${formatDiagnostic(problems[0] as Diagnostic, file.name)}`,
      7000,
    );
  }
  return problems;
}
