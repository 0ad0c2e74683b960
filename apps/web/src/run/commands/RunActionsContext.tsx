import { createContext, useContext } from 'react';

/**
 * What the run view needs from the editor that hosts it: a way to store unsaved changes
 * before a run or a retry starts (a run always belongs to a stored version). Answers the
 * orchestration's id, or null when it is not saved (the save said why).
 */
export interface RunActions {
  ensureSaved(): Promise<string | null>;
}

export const RunActionsContext = createContext<RunActions>({ ensureSaved: async () => null });

export const useRunActions = () => useContext(RunActionsContext);
