import { editorCommands } from './editorCommands';

/** The selection's commands, now among the editor's (editorCommands.ts): kept for their callers. */
export const { deleteSelection, nudgeSelection, pasteYaml, selectionAsYaml } = editorCommands;
