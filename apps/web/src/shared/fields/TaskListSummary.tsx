import { useDocumentStore } from '../../store/useDocumentStore';
import { useSelectionStore } from '../../store/useSelectionStore';

/** The steps of a block as a list: a click selects one (then its own fields show). */
export function TaskListSummary({ stageId, empty }: { stageId: string; empty: string }) {
  const plan = useDocumentStore((s) => s.views.plan);
  const select = useSelectionStore((s) => s.select);
  const steps = plan.steps.filter((s) => s.stageId === stageId);
  if (!steps.length) return <p className="inspector-empty-note">{empty}</p>;
  return (
    <ol className="step-summary">
      {steps.map((step) => (
        <li key={step.id}>
          <button
            type="button"
            className="step-summary-item"
            onClick={() => select({ kind: 'step', stepId: step.id })}
          >
            <span className="step-summary-role">{step.role}</span>
            <span className="step-summary-agent">
              {step.agent || (step.agent === null ? 'barrier' : 'empty slot')}
            </span>
            {step.label && step.label !== step.agent ? (
              <span className="step-summary-label">{step.label}</span>
            ) : null}
          </button>
        </li>
      ))}
    </ol>
  );
}
