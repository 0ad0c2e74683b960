import { editorCommands } from '../editor/editorCommands';

/*
 * Undo and redo for the whole editor (toolbar, shortcuts, Ctrl+Z in the YAML tab): one history.
 * Text typed in the YAML tab and not applied yet (the pause has not passed) is recorded first, as
 * an edit of its own, so an undo takes back exactly that text — never the text and the edit
 * before it — and a redo brings it back as typed (editorCommands' undo and redo).
 */
export const { undo: undoEdit, redo: redoEdit } = editorCommands;
