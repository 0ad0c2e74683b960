import { z } from 'zod';
import { taskSchema } from '../../model/fieldSchemas.js';

/** The keys of a parallel_independent stage: exactly what its seed-form file may hold. */
export const parallelIndependentKeys = {
  parallel_execution: z.boolean().optional(),
  max_concurrent: z.number().int().min(1, 'max_concurrent must be at least 1').optional(),
  tasks: z.array(taskSchema).optional(),
};
