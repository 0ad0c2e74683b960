// The fresh stage of each pattern and the ids of added stages live in core (packages/core/src/edit/),
// so that the CLI and the server make the same stages the editor does.
export { newStage, PATTERN_SHORT_ID, stageIds, uniqueId } from '@baton/core';
