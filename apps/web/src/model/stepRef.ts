// Where a plan step lives in the model: core's, shared with the slot edits that take it.
export { refOfStep, refOfStepId, type StepRef } from '@baton/core';
