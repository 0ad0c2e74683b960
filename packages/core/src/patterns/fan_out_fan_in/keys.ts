import { z } from 'zod';
import { agentName } from '../../model/fieldSchemas.js';

/** The keys of a fan_out_fan_in stage: exactly what its seed-form file may hold. */
export const fanOutFanInKeys = {
  fan_out: z.strictObject({
    agent: agentName,
    tasks: z.array(z.string()),
    parallel: z.boolean().optional(),
    max_concurrent: z.number().int().min(1, 'max_concurrent must be at least 1').optional(),
  }),
  fan_in: z.strictObject({ agent: agentName, task: z.string().optional() }),
};
