import { useDocumentStore } from '../store/useDocumentStore';
import { flushYamlEdits } from './useYamlEditorStore';

/*
 * Undo and redo for the whole editor (toolbar, shortcuts, Ctrl+Z in the YAML tab): one history.
 * Text typed in the YAML tab and not applied yet (the pause has not passed) is recorded first, as
 * an edit of its own, so an undo takes back exactly that text — never the text and the edit
 * before it — and a redo brings it back as typed.
 */

export function undoEdit(): void {
  flushYamlEdits();
  useDocumentStore.getState().undo();
}

export function redoEdit(): void {
  flushYamlEdits();
  useDocumentStore.getState().redo();
}
