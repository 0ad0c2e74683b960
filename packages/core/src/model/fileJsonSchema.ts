import { z } from 'zod';
import { PATTERNS } from './patterns.js';
import { fullFormTopSchema, seedSchemas, stageSchemas } from './schema.js';

/**
 * The JSON Schema of a `*.baton.yaml` file, either form, for editors (VS Code's YAML
 * extension). In the full form a stage may leave `pattern` out when its keys tell it.
 */
export function fileJsonSchema(): Record<string, unknown> {
  const stage = z.union(
    PATTERNS.map((p) => stageSchemas[p].extend({ pattern: z.literal(p).optional() })) as unknown as [
      z.ZodType,
      z.ZodType,
      ...z.ZodType[],
    ],
  );
  const full = fullFormTopSchema
    .extend({ stages: z.array(stage) })
    .describe('Full form: an orchestration of stages');
  const seed = PATTERNS.map((p) => seedSchemas[p].describe(`Seed form: ${p}`));
  const file = z.union([full, ...seed]);
  return {
    ...z.toJSONSchema(file, { target: 'draft-7', unrepresentable: 'any' }),
    title: 'Baton orchestration (*.baton.yaml)',
  };
}
