import type { Orchestration, PatternName } from '@baton/core';
import { addAgent } from '../model/addAgent';
import { addStage, appendStages } from '../model/stageEdits';
import { setStepAgent } from '../model/stepEdits';
import { refOfStepId } from '../model/stepRef';
import type { PalettePayload } from '../palette/dragPayload';
import { useDocumentStore } from '../store/useDocumentStore';
import { useSelectionStore } from '../store/useSelectionStore';
import type { DropTarget } from './dropTarget';
import { blockNodeId } from './flowTypes';
import type { XY } from './layout/defaultBlockPositions';
import { useCanvasStore } from './useCanvasStore';
import { requestShowNodes } from './useFitViewRequests';

const stageIndexOf = (stageId: string) => useDocumentStore.getState().views.stages[stageId]?.index ?? -1;

/** A pattern block dropped at a point: a new stage, placed there and selected. Answers its id. */
export function dropPattern(pattern: PatternName, at: XY): string {
  const { document, edit } = useDocumentStore.getState();
  const added = addStage(document, pattern);
  const canvas = useCanvasStore.getState();
  canvas.renameStages(added.renames);
  canvas.setPositions({ [added.stageId]: at });
  edit(() => added.document);
  useSelectionStore.getState().select({ kind: 'stage', stageId: added.stageId });
  return added.stageId;
}

/**
 * An agent dropped on the canvas: onto a step it fills (or replaces) that step's agent; onto a
 * "+" slot or a block's body it adds what the pattern takes there; onto empty canvas it starts a
 * Parallel Independent block holding it (whose id it answers; null when no block was added).
 */
export function dropAgent(agent: string, target: DropTarget, at: XY): string | null {
  const { document, views, edit } = useDocumentStore.getState();
  const select = useSelectionStore.getState().select;
  if (target.kind === 'step') {
    const ref = refOfStepId(views.plan, target.stepId);
    if (!ref) return null;
    edit((doc) => setStepAgent(doc, ref, agent));
    select({ kind: 'step', stepId: target.stepId });
    return null;
  }
  if (target.kind === 'slot' || target.kind === 'block') {
    const index = stageIndexOf(target.stageId);
    if (index < 0) return null;
    const slot = target.kind === 'slot' ? target.add : { kind: 'auto' as const };
    edit((doc) => addAgent(doc, index, slot, agent));
    select({ kind: 'stage', stageId: target.stageId });
    return null;
  }
  const added = addStage(document, 'parallel_independent');
  const canvas = useCanvasStore.getState();
  canvas.renameStages(added.renames);
  canvas.setPositions({ [added.stageId]: at });
  const index = added.document.stages.length - 1;
  edit(() => addAgent(added.document, index, { kind: 'task' }, agent));
  select({ kind: 'stage', stageId: added.stageId });
  return added.stageId;
}

/** Stages pasted or imported next to the others: placed to the right of everything, selected. */
export function placeStages(document: Orchestration, incoming: Orchestration['stages']) {
  const result = appendStages(document, incoming);
  const canvas = useCanvasStore.getState();
  canvas.renameStages(result.renames);
  let right = 0;
  let top = Number.POSITIVE_INFINITY;
  for (const block of canvas.graph.blocks.values()) {
    right = Math.max(right, block.position.x + block.width);
    top = Math.min(top, block.position.y);
  }
  const positions: Record<string, XY> = {};
  result.stageIds.forEach((id, k) => {
    positions[id] = { x: right + 120 + k * 40, y: (Number.isFinite(top) ? top : 0) + k * 40 };
  });
  canvas.setPositions(positions);
  useDocumentStore.getState().edit(() => result.document);
  requestShowNodes(result.stageIds.map(blockNodeId));
  const first = result.stageIds[0];
  if (first) useSelectionStore.getState().select({ kind: 'stage', stageId: first });
}

/** Where a block added without a pointer goes: right of everything, level with the top. */
function freeSpot(): XY {
  const { graph } = useCanvasStore.getState();
  let right = Number.NEGATIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  for (const block of graph.blocks.values()) {
    right = Math.max(right, block.position.x + block.width);
    top = Math.min(top, block.position.y);
  }
  return Number.isFinite(right) ? { x: right + 120, y: top } : { x: 0, y: 0 };
}

/**
 * A palette item chosen with the keyboard (Enter) or a double-click: a pattern is added beside
 * the others; an agent goes into the selected block (its next slot), else into a new block.
 */
export function addFromPalette(payload: PalettePayload) {
  if (payload.kind === 'pattern') {
    dropPattern(payload.pattern, freeSpot());
    const selection = useSelectionStore.getState().selection;
    if (selection?.kind === 'stage') requestShowNodes([blockNodeId(selection.stageId)]);
    return;
  }
  const selection = useSelectionStore.getState().selection;
  const { views } = useDocumentStore.getState();
  const stageId =
    selection?.kind === 'stage'
      ? selection.stageId
      : selection?.kind === 'step'
        ? views.steps[selection.stepId]?.stageId
        : undefined;
  if (stageId) dropAgent(payload.name, { kind: 'block', key: blockNodeId(stageId), stageId }, freeSpot());
  else dropAgent(payload.name, { kind: 'pane', key: null }, freeSpot());
  const after = useSelectionStore.getState().selection;
  if (after?.kind === 'stage') requestShowNodes([blockNodeId(after.stageId)]);
}
