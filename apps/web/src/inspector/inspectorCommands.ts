/**
 * What the Inspector asks of the editor: the editor's commands (editor/editorCommands.ts), handed
 * in by the editor page, so the Inspector does not import the editor that shows it.
 */
export interface InspectorCommands {
  /** Delete the selected step or block. */
  deleteSelection(): boolean;
  /** Move the selected step one place earlier (-1) or later (+1) among its siblings. */
  nudgeSelection(delta: -1 | 1): boolean;
}
