import { useSelectionStore } from '../store/useSelectionStore';
import { OrchestrationInspector } from './OrchestrationInspector';
import { StageInspector } from './StageInspector';
import { StepInspector } from './StepInspector';

/** The Inspector tab: edits the selected block or step, else the orchestration. */
export function Inspector() {
  const selection = useSelectionStore((s) => s.selection);
  return (
    <div className="inspector" data-testid="inspector">
      {selection?.kind === 'stage' ? (
        <StageInspector key={selection.stageId} stageId={selection.stageId} />
      ) : null}
      {selection?.kind === 'step' ? <StepInspector key={selection.stepId} stepId={selection.stepId} /> : null}
      {selection === null ? <OrchestrationInspector /> : null}
    </div>
  );
}
