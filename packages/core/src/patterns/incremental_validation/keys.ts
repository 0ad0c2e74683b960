import { z } from 'zod';
import { agentName, nameText, stepSettings } from '../../model/fieldSchemas.js';

export const phaseSchema = z.strictObject({
  name: nameText().min(1),
  agent: agentName,
  validator: agentName.optional(),
  task: z.string().optional(),
  validator_task: z.string().optional(),
  checklist: z.array(z.string()).optional(),
  ...stepSettings,
});

/** The keys of an incremental_validation stage: exactly what its seed-form file may hold. */
export const incrementalValidationKeys = {
  phases: z.array(phaseSchema),
  sequential: z.boolean().optional(),
  max_attempts: z.number().int().min(1).max(20).optional(),
};
