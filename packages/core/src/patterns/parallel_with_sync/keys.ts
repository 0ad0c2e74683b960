import { z } from 'zod';
import { agentName, nameText, stepSettings, taskFields } from '../../model/fieldSchemas.js';

export const syncTaskSchema = z.strictObject({ ...taskFields, after: nameText().optional() });

export const syncPointSchema = z.union([
  nameText().min(1),
  z.strictObject({
    name: nameText().min(1),
    agent: agentName.optional(),
    task: z.string().optional(),
    checklist: z.array(z.string()).optional(),
    ...stepSettings,
  }),
]);

/** The keys of a parallel_with_sync stage: exactly what its seed-form file may hold. */
export const parallelWithSyncKeys = {
  parallel_execution: z.boolean().optional(),
  max_concurrent: z.number().int().min(1, 'max_concurrent must be at least 1').optional(),
  sync_points: z.array(syncPointSchema),
  tasks: z.array(syncTaskSchema).optional(),
};
