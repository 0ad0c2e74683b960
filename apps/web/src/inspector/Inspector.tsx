import { useDocumentStore } from '../store/useDocumentStore';
import { useSelectionStore } from '../store/useSelectionStore';
import type { InspectorCommands } from './inspectorCommands';
import { OrchestrationInspector } from './OrchestrationInspector';
import { StageInspector } from './StageInspector';
import { StepInspector } from './StepInspector';

/** The Inspector tab: edits the selected block or step, else the orchestration. */
export function Inspector({ commands }: { commands: InspectorCommands }) {
  const selection = useSelectionStore((s) => s.selection);
  // Keyed by position, not id: renaming a stage changes its id, and the field being typed in must
  // keep its focus.
  const stageIndex = useDocumentStore((s) =>
    selection?.kind === 'stage' ? (s.views.stages[selection.stageId]?.index ?? -1) : -1,
  );
  const stepKey = useDocumentStore((s) => {
    const view = selection?.kind === 'step' ? s.views.steps[selection.stepId] : undefined;
    return view ? `${view.stageId}:${view.role}:${view.index}` : '';
  });
  return (
    <div className="inspector" data-testid="inspector">
      {selection?.kind === 'stage' ? (
        <StageInspector key={`stage-${stageIndex}`} stageId={selection.stageId} commands={commands} />
      ) : null}
      {selection?.kind === 'step' ? (
        <StepInspector key={stepKey} stepId={selection.stepId} commands={commands} />
      ) : null}
      {selection === null ? <OrchestrationInspector /> : null}
    </div>
  );
}
