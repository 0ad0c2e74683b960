import {
  addAgent,
  moveStep,
  type Orchestration,
  type PatternName,
  parse,
  refOfStepId,
  removeStep,
  type Stage,
  serialize,
  setStepAgent,
  siblingCount,
  stageIdOf,
} from '@baton/core';
import type { EdgeChange, Node, NodeChange } from '@xyflow/react';
import type { DropTarget } from '../canvas/dropTarget';
import {
  applyEdgeChanges,
  applyNodeChanges,
  appStores,
  type EditorStores,
  flowGraphOf,
  selectedNeedsEdge,
} from '../canvas/flowElements';
import { blockNodeId, type FlowEdge, type FlowNode } from '../canvas/flowTypes';
import { requestShowNodes } from '../canvas/useFitViewRequests';
import { addStage, appendStages, disconnectStages, removeStage } from '../model/stageEdits';
import type { PalettePayload } from '../shared/dragPayload';
import type { XY } from '../shared/geometry';
import { type Toast, toast } from '../shared/useToastStore';
import type { Selection } from '../store/useSelectionStore';
import { flushYamlEdits } from '../yaml/useYamlEditorStore';

/** What commands do besides changing the stores: the app's, or a test's fakes. */
export interface EditorEffects {
  toast(tone: Toast['tone'], text: string): void;
  /** Bring these canvas nodes into view. */
  showNodes(nodeIds: string[]): void;
  /** Apply text typed in the YAML tab and not applied yet, before an undo or redo (the YAML tab's Ctrl+Z too). */
  flushTypedText(): void;
}

const APP_EFFECTS: EditorEffects = { toast, showNodes: requestShowNodes, flushTypedText: flushYamlEdits };

/**
 * The editor's commands (canvas, shortcuts, palette, Inspector), over the stores they use: every
 * command reads and changes only `stores`, so a test drives them against stores of its own.
 */
export function createEditorCommands(stores: EditorStores, effects: EditorEffects = APP_EFFECTS) {
  const documentState = () => stores.document.getState();
  const selection = () => stores.selection.getState().selection;
  const select = (next: Selection) => stores.selection.getState().select(next);
  const stageIndexOf = (stageId: string) => documentState().views.stages[stageId]?.index ?? -1;

  /** The stage the selection is in (the block, or the step's block). */
  function selectedStageId(): string | null {
    const current = selection();
    if (!current) return null;
    if (current.kind === 'stage') return current.stageId;
    return documentState().views.steps[current.stepId]?.stageId ?? null;
  }

  /** The right edge and the top of everything drawn (a new block goes to the right of it). */
  function drawnBounds(): { right: number; top: number } {
    let right = Number.NEGATIVE_INFINITY;
    let top = Number.POSITIVE_INFINITY;
    for (const block of flowGraphOf(stores).blocks.values()) {
      right = Math.max(right, block.position.x + block.width);
      top = Math.min(top, block.position.y);
    }
    return { right, top };
  }

  /** Where a block added without a pointer goes: right of everything, level with the top. */
  function freeSpot(): XY {
    const { right, top } = drawnBounds();
    return Number.isFinite(right) ? { x: right + 120, y: top } : { x: 0, y: 0 };
  }

  const commands = {
    select,

    undo() {
      effects.flushTypedText();
      documentState().undo();
    },

    redo() {
      effects.flushTypedText();
      documentState().redo();
    },

    /** Delete what is selected: a `needs` edge, else a step or a block. */
    deleteSelection(): boolean {
      const { views, edit } = documentState();
      const edge = selectedNeedsEdge(stores);
      if (edge) {
        const [from, to] = edge.id.split('->') as [string, string];
        edit((doc) => disconnectStages(doc, from, to));
        return true;
      }
      const current = selection();
      if (!current) return false;
      if (current.kind === 'stage') {
        const index = views.stages[current.stageId]?.index;
        if (index === undefined) return false;
        edit((doc) => removeStage(doc, index));
        select(null);
        return true;
      }
      const ref = refOfStepId(views.plan, current.stepId);
      if (!ref) return false;
      const stageId = views.steps[current.stepId]?.stageId;
      edit((doc) => removeStep(doc, ref));
      select(stageId ? { kind: 'stage', stageId } : null);
      return true;
    },

    /** Move the selected step one place earlier (-1) or later (+1) among its siblings. */
    nudgeSelection(delta: -1 | 1): boolean {
      const current = selection();
      if (current?.kind !== 'step') return false;
      const { views, document, edit } = documentState();
      const ref = refOfStepId(views.plan, current.stepId);
      const stage = ref ? document.stages[ref.stageIndex] : undefined;
      if (!ref || !stage) return false;
      const to = ref.index + delta;
      if (to < 0 || to >= siblingCount(stage, ref)) return false;
      edit((doc) => moveStep(doc, ref, to));
      // The moved step now has its neighbour's id: keep it selected.
      const before = views.steps[current.stepId];
      const moved = documentState().views.plan.steps.find(
        (s) => s.stageId === before?.stageId && s.role === before?.role && s.index === to,
      );
      if (moved) select({ kind: 'step', stepId: moved.id });
      return true;
    },

    /**
     * A step dragged inside its block and let go: it takes the place of the sibling (same role)
     * nearest to where it was dropped; the layout then puts every step back on its slot.
     */
    reorderOnDrop(node: Node) {
      const { views, edit } = documentState();
      const view = views.steps[node.id];
      const ref = refOfStepId(views.plan, node.id);
      const block = view ? flowGraphOf(stores).blocks.get(view.stageId) : undefined;
      if (!view || !ref || !block) return;
      const role = view.role === 'validator' ? 'phase' : view.role;
      const centre = {
        x: node.position.x + (node.width ?? 0) / 2,
        y: node.position.y + (node.height ?? 0) / 2,
      };
      let best: { index: number; distance: number } | null = null;
      for (const item of block.items) {
        const sibling = views.steps[item.id];
        if (!sibling || sibling.role !== role) continue;
        const distance = Math.hypot(item.x + item.w / 2 - centre.x, item.y + item.h / 2 - centre.y);
        if (!best || distance < best.distance) best = { index: sibling.index, distance };
      }
      if (best && best.index !== ref.index) edit((doc) => moveStep(doc, ref, best.index));
    },

    /** The selected block as YAML (a full-form file holding that one stage), for the clipboard. */
    selectionAsYaml(): string | null {
      const stageId = selectedStageId();
      const { document, views } = documentState();
      const index = stageId ? views.stages[stageId]?.index : undefined;
      const stage = index === undefined ? undefined : document.stages[index];
      if (!stage || index === undefined) return null;
      const copy: Stage = { ...stage, id: stage.id ?? stageIdOf(stage, index) };
      delete copy.needs;
      return serialize({ version: 1, stages: [copy] }, { form: 'full' });
    },

    /** Paste YAML (a copied block, or any orchestration file): its stages are added to the canvas. */
    pasteYaml(text: string): boolean {
      const parsed = parse(text);
      if (!parsed.document) {
        const first = parsed.diagnostics[0];
        effects.toast(
          'error',
          `Cannot paste: ${first ? `line ${first.line}: ${first.message}` : 'not an orchestration'}`,
        );
        return false;
      }
      if (!parsed.document.stages.length) return false;
      commands.placeStages(documentState().document, parsed.document.stages);
      const count = parsed.document.stages.length;
      effects.toast('info', `Pasted ${count} block${count === 1 ? '' : 's'}`);
      return true;
    },

    /** A pattern block dropped at a point: a new stage, placed there and selected. Answers its id. */
    dropPattern(pattern: PatternName, at: XY): string {
      const { document, edit } = documentState();
      const added = addStage(document, pattern);
      stores.canvas.getState().renameStages(added.renames);
      stores.canvas.getState().setPositions({ [added.stageId]: at });
      edit(() => added.document);
      select({ kind: 'stage', stageId: added.stageId });
      return added.stageId;
    },

    /**
     * An agent dropped on the canvas: onto a step it fills (or replaces) that step's agent; onto a
     * "+" slot or a block's body it adds what the pattern takes there; onto empty canvas it starts a
     * Parallel Independent block holding it (whose id it answers; null when no block was added).
     */
    dropAgent(agent: string, target: DropTarget, at: XY): string | null {
      const { document, views, edit } = documentState();
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
      stores.canvas.getState().renameStages(added.renames);
      stores.canvas.getState().setPositions({ [added.stageId]: at });
      const index = added.document.stages.length - 1;
      edit(() => addAgent(added.document, index, { kind: 'task' }, agent));
      select({ kind: 'stage', stageId: added.stageId });
      return added.stageId;
    },

    /** Stages pasted or imported next to the others: placed to the right of everything, selected. */
    placeStages(document: Orchestration, incoming: Orchestration['stages']) {
      const result = appendStages(document, incoming);
      stores.canvas.getState().renameStages(result.renames);
      const { right, top } = drawnBounds();
      const positions: Record<string, XY> = {};
      result.stageIds.forEach((id, k) => {
        positions[id] = {
          x: Math.max(right, 0) + 120 + k * 40,
          y: (Number.isFinite(top) ? top : 0) + k * 40,
        };
      });
      stores.canvas.getState().setPositions(positions);
      documentState().edit(() => result.document);
      effects.showNodes(result.stageIds.map(blockNodeId));
      const first = result.stageIds[0];
      if (first) select({ kind: 'stage', stageId: first });
    },

    /**
     * A palette item chosen with the keyboard (Enter) or a double-click: a pattern is added beside
     * the others; an agent goes into the selected block (its next slot), else into a new block.
     */
    addFromPalette(payload: PalettePayload) {
      if (payload.kind === 'pattern') {
        commands.dropPattern(payload.pattern, freeSpot());
      } else {
        const stageId = selectedStageId();
        const target: DropTarget = stageId
          ? { kind: 'block', key: blockNodeId(stageId), stageId }
          : { kind: 'pane', key: null };
        commands.dropAgent(payload.name, target, freeSpot());
      }
      const after = selection();
      if (after?.kind === 'stage') effects.showNodes([blockNodeId(after.stageId)]);
    },

    /** React Flow's node changes (drags, measurements, clicks), as canvas and selection commands. */
    nodesChanged(changes: NodeChange<FlowNode>[]) {
      applyNodeChanges(stores, changes);
    },

    edgesChanged(changes: EdgeChange<FlowEdge>[]) {
      applyEdgeChanges(stores, changes);
    },
  };
  return commands;
}

export type EditorCommands = ReturnType<typeof createEditorCommands>;

/** The app's commands, over the app's stores. */
export const editorCommands: EditorCommands = createEditorCommands(appStores);
