import { editorCommands } from '../editor/editorCommands';

/** The canvas's commands, now among the editor's (editor/editorCommands.ts): kept for their callers. */
export const { addFromPalette, dropAgent, dropPattern, placeStages } = editorCommands;
