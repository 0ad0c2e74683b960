// Core's document edits copy one stage at a time; the web's edits (renameStage…) use the same helpers.
export { moveItem, updateStage } from '@baton/core';
