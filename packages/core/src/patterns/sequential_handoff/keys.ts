import { z } from 'zod';
import { taskSchema } from '../../model/fieldSchemas.js';

/** The keys of a sequential_handoff stage: exactly what its seed-form file may hold. */
export const sequentialHandoffKeys = {
  parallel_execution: z.literal(false, 'a sequential handoff has parallel_execution: false').optional(),
  handoff_artifacts: z.array(z.string()).optional(),
  tasks: z.array(taskSchema).optional(),
};
