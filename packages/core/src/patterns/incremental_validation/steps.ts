import type { ModelPath, StageOf } from '../../model/types.js';
import { emptyStageWarning, own, type StageSteps, type StepDraft } from '../../plan/stepDraft.js';
import { stepIds } from '../../plan/stepIds.js';

/** How a incremental_validation stage lays out its steps (docs/design.md §2.2). */
export function incrementalValidationSteps(
  stage: StageOf<'incremental_validation'>,
  id: string,
  path: ModelPath,
): StageSteps {
  const sequential = stage.sequential !== false;
  const steps: StepDraft[] = [];
  let previousEnd: string | null = null;
  const agentIds: string[] = [];
  stage.phases.forEach((phase, i) => {
    const agentId = stepIds.phase(id, i);
    steps.push({
      id: agentId,
      role: 'phase',
      index: i,
      agent: phase.agent,
      label: phase.name,
      task: phase.task ?? phase.name,
      checklist: phase.checklist ?? [],
      dependsOn: sequential && previousEnd ? [previousEnd] : [],
      inputs: sequential ? [...agentIds] : [],
      own: own(phase),
      path: [...path, 'phases', i],
    });
    agentIds.push(agentId);
    previousEnd = agentId;
    if (phase.validator) {
      const validatorId = stepIds.validator(id, i);
      steps.push({
        id: validatorId,
        role: 'validator',
        index: i,
        agent: phase.validator,
        label: `validate ${phase.name}`,
        task: phase.validator_task ?? `Validate ${phase.name}`,
        checklist: [],
        dependsOn: [agentId],
        inputs: [agentId],
        own: {},
        path: [...path, 'phases', i, 'validator'],
      });
      previousEnd = validatorId;
    }
  });
  return {
    steps,
    maxConcurrent: null,
    issues: stage.phases.length
      ? []
      : [emptyStageWarning(path, 'add phases, each with an agent and a validator')],
  };
}
