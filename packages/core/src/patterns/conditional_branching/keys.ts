import { z } from 'zod';
import { agentName, nameText, stepSettings } from '../../model/fieldSchemas.js';

export const branchSchema = z.strictObject({
  condition: nameText().min(1, 'a branch needs a condition (or "default")'),
  // Optional here so that a missing agent is reported by validation with its position.
  agent: agentName.optional(),
  task: z.string().optional(),
  checklist: z.array(z.string()).optional(),
  ...stepSettings,
});

/** The keys of a conditional_branching stage: exactly what its seed-form file may hold. */
export const conditionalBranchingKeys = {
  conditional_logic: z.strictObject({
    analyzer: agentName,
    analyzer_task: z.string().optional(),
    branches: z.array(branchSchema),
  }),
};
