import { parse, type Stage, serialize, stageIdOf } from '@baton/core';
import { placeStages } from '../canvas/canvasActions';
import { useCanvasStore } from '../canvas/useCanvasStore';
import { disconnectStages, removeStage } from '../model/stageEdits';
import { moveStep, removeStep, siblingCount } from '../model/stepEdits';
import { refOfStepId } from '../model/stepRef';
import { toast } from '../shared/useToastStore';
import { useDocumentStore } from '../store/useDocumentStore';
import { useSelectionStore } from '../store/useSelectionStore';

/** The stage the selection is in (the block, or the step's block). */
function selectedStageId(): string | null {
  const selection = useSelectionStore.getState().selection;
  if (!selection) return null;
  if (selection.kind === 'stage') return selection.stageId;
  return useDocumentStore.getState().views.steps[selection.stepId]?.stageId ?? null;
}

/** Delete what is selected: a step, a block, or a `needs` edge. */
export function deleteSelection(): boolean {
  const { views, edit } = useDocumentStore.getState();
  const edge = useCanvasStore.getState().edges.find((e) => e.selected && e.data?.kind === 'stage');
  if (edge) {
    const [from, to] = edge.id.split('->') as [string, string];
    edit((doc) => disconnectStages(doc, from, to));
    return true;
  }
  const selection = useSelectionStore.getState().selection;
  if (!selection) return false;
  if (selection.kind === 'stage') {
    const index = views.stages[selection.stageId]?.index;
    if (index === undefined) return false;
    edit((doc) => removeStage(doc, index));
    useSelectionStore.getState().select(null);
    return true;
  }
  const ref = refOfStepId(views.plan, selection.stepId);
  if (!ref) return false;
  const stageId = views.steps[selection.stepId]?.stageId;
  edit((doc) => removeStep(doc, ref));
  useSelectionStore.getState().select(stageId ? { kind: 'stage', stageId } : null);
  return true;
}

/** Move the selected step one place earlier (-1) or later (+1) among its siblings. */
export function nudgeSelection(delta: -1 | 1): boolean {
  const selection = useSelectionStore.getState().selection;
  if (selection?.kind !== 'step') return false;
  const { views, document, edit } = useDocumentStore.getState();
  const ref = refOfStepId(views.plan, selection.stepId);
  const stage = ref ? document.stages[ref.stageIndex] : undefined;
  if (!ref || !stage) return false;
  const to = ref.index + delta;
  if (to < 0 || to >= siblingCount(stage, ref)) return false;
  edit((doc) => moveStep(doc, ref, to));
  // The moved step now has its neighbour's id: keep it selected.
  const moved = useDocumentStore
    .getState()
    .views.plan.steps.find(
      (s) =>
        s.stageId === views.steps[selection.stepId]?.stageId &&
        s.role === views.steps[selection.stepId]?.role &&
        s.index === to,
    );
  if (moved) useSelectionStore.getState().select({ kind: 'step', stepId: moved.id });
  return true;
}

/** The selected block as YAML (a full-form file holding that one stage), for the clipboard. */
export function selectionAsYaml(): string | null {
  const stageId = selectedStageId();
  const { document, views } = useDocumentStore.getState();
  const index = stageId ? views.stages[stageId]?.index : undefined;
  const stage = index === undefined ? undefined : document.stages[index];
  if (!stage || index === undefined) return null;
  const copy: Stage = { ...stage, id: stage.id ?? stageIdOf(stage, index) };
  delete copy.needs;
  return serialize({ version: 1, stages: [copy] }, { form: 'full' });
}

/** Paste YAML (a copied block, or any orchestration file): its stages are added to the canvas. */
export function pasteYaml(text: string): boolean {
  const parsed = parse(text);
  if (!parsed.document) {
    const first = parsed.diagnostics[0];
    toast(
      'error',
      `Cannot paste: ${first ? `line ${first.line}: ${first.message}` : 'not an orchestration'}`,
    );
    return false;
  }
  if (!parsed.document.stages.length) return false;
  placeStages(useDocumentStore.getState().document, parsed.document.stages);
  const n = parsed.document.stages.length;
  toast('info', `Pasted ${n} block${n === 1 ? '' : 's'}`);
  return true;
}
