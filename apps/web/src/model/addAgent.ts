// The slot edits live in core, each pattern's in packages/core/src/patterns/<pattern>/slotEdits.ts.
export { type AddSlot, addAgent, autoSlot } from '@baton/core';
