// The step edits live in core, each pattern's in packages/core/src/patterns/<pattern>/slotEdits.ts.
export { moveStep, removeStep, setStepAgent, siblingCount } from '@baton/core';
