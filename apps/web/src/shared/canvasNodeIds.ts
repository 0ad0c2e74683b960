/**
 * The ids of the canvas's nodes, known outside the canvas too (a diagnostic clicked in the YAML
 * tab brings its node into view): a step node's id is its step id, a stage's block is prefixed.
 */
const BLOCK_PREFIX = 'stage:';

export const blockNodeId = (stageId: string) => `${BLOCK_PREFIX}${stageId}`;
export const stageIdOfBlock = (nodeId: string): string | null =>
  nodeId.startsWith(BLOCK_PREFIX) ? nodeId.slice(BLOCK_PREFIX.length) : null;
