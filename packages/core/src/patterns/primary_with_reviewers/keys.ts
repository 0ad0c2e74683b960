import { z } from 'zod';
import { agentName } from '../../model/fieldSchemas.js';

/** The keys of a primary_with_reviewers stage: exactly what its seed-form file may hold. */
export const primaryWithReviewersKeys = {
  primary_agent: agentName,
  primary_task: z.string().optional(),
  reviewer_agents: z.array(agentName).optional(),
  review_tasks: z.record(z.string(), z.string()).optional(),
  parallel_execution: z.boolean().optional(),
  max_revisions: z.number().int().min(0).max(20).optional(),
};
