import { z } from 'zod';
import { PATTERN_KEYS } from '../patterns/patternKeys.js';
import { durationSchema, idSchema, nameText, stepSettings } from './fieldSchemas.js';
import { PATTERNS, type PatternName } from './patterns.js';

export { branchSchema } from '../patterns/conditional_branching/keys.js';
export { phaseSchema } from '../patterns/incremental_validation/keys.js';
export { syncPointSchema, syncTaskSchema } from '../patterns/parallel_with_sync/keys.js';
export { durationSchema, taskSchema, timeoutSchema } from './fieldSchemas.js';

/**
 * The zod schema of a `*.baton.yaml` file (docs/design.md §2). Objects are strict: an unknown key is
 * an error, never silently dropped. Defaults are *not* filled in here: the model keeps what the
 * user wrote, so that exporting it adds no keys; `compile` applies the defaults.
 */

export const simulatedRuntimeSchema = z.strictObject({
  kind: z.literal('simulated'),
  duration: durationSchema.optional(),
  jitter: z.number().min(0).max(1).optional(),
  fail_rate: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  output: z.string().optional(),
  /** The condition an analyzer returns; a list gives one per call, the last repeating. */
  condition: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
  /** A reviewer's or validator's verdict; a list gives one per review round, the last repeating. */
  verdict: z
    .union([
      z.enum(['approve', 'changes_requested']),
      z.array(z.enum(['approve', 'changes_requested'])).min(1),
    ])
    .optional(),
  findings: z.array(z.string()).optional(),
});

export const commandRuntimeSchema = z.strictObject({
  kind: z.literal('command'),
  command: z.array(z.string()).min(1, 'command is an argv list: the program, then its arguments'),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
});

export const httpRuntimeSchema = z.strictObject({
  kind: z.literal('http'),
  url: z.url(),
  headers: z.record(z.string(), z.string()).optional(),
});

export const openaiRuntimeSchema = z.strictObject({
  kind: z.literal('openai'),
  base_url: z.url(),
  model: z.string().min(1),
  api_key_env: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
});

/**
 * Settings every agent CLI runtime shares: the program (default the CLI's own name, looked up
 * on PATH), extra arguments placed before the prompt, and environment laid over the inherited one.
 */
const agentCliFields = {
  program: z.string().min(1).optional(),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  model: z.string().min(1).optional(),
};

/** Claude Code headless (`claude -p … --output-format stream-json --verbose`), docs/design.md §3.3. */
export const claudeRuntimeSchema = z.strictObject({
  kind: z.literal('claude'),
  ...agentCliFields,
  /** Run the session as this `.claude/agents` agent (`--agent`); default: the agent's file name when Claude Code can see it. */
  agent: z.string().min(1).optional(),
  /** Passed to `--permission-mode` as written: Claude Code knows its modes (default, acceptEdits, plan, auto, dontAsk, bypassPermissions…). */
  permission_mode: z.string().min(1).optional(),
  max_turns: z.number().int().positive().optional(),
  allowed_tools: z.array(z.string()).optional(),
  disallowed_tools: z.array(z.string()).optional(),
});

/** Codex CLI (`codex exec --json`). */
export const codexRuntimeSchema = z.strictObject({
  kind: z.literal('codex'),
  ...agentCliFields,
  sandbox: z.enum(['read-only', 'workspace-write', 'danger-full-access']).optional(),
});

/** Gemini CLI (`gemini -p … -o stream-json`). */
export const geminiRuntimeSchema = z.strictObject({
  kind: z.literal('gemini'),
  ...agentCliFields,
  approval_mode: z.string().min(1).optional(),
});

export const runtimeSchema = z.discriminatedUnion('kind', [
  simulatedRuntimeSchema,
  commandRuntimeSchema,
  httpRuntimeSchema,
  openaiRuntimeSchema,
  claudeRuntimeSchema,
  codexRuntimeSchema,
  geminiRuntimeSchema,
]);

export const agentDefinitionSchema = z.strictObject({
  description: z.string().optional(),
  system_prompt: z.string().optional(),
  model: z.string().optional(),
  tools: z.union([z.string(), z.array(z.string())]).optional(),
  /** From a Claude Code agent file (`disallowedTools`, `permissionMode`, `maxTurns`), for the claude runtime. */
  disallowed_tools: z.union([z.string(), z.array(z.string())]).optional(),
  permission_mode: z.string().min(1).optional(),
  max_turns: z.number().int().positive().optional(),
  runtime: runtimeSchema.optional(),
  ...stepSettings,
});

/** Each pattern's own keys (its folder's keys.ts): exactly what a seed-form file may hold. */
export const patternKeySchemas = PATTERN_KEYS;

/** Keys every stage of the full form may carry besides its pattern's own. */
export const stageCommonKeys = {
  id: idSchema.optional(),
  name: nameText().optional(),
  description: z.string().optional(),
  needs: z.array(nameText()).optional(),
  ...stepSettings,
};

function stageSchemaOf<P extends PatternName>(pattern: P) {
  return z.strictObject({
    ...stageCommonKeys,
    pattern: z.literal(pattern),
    ...patternKeySchemas[pattern],
  });
}

type StageSchemas = { [P in PatternName]: ReturnType<typeof stageSchemaOf<P>> };
export const stageSchemas = Object.fromEntries(PATTERNS.map((p) => [p, stageSchemaOf(p)])) as StageSchemas;

export const seedSchemas = Object.fromEntries(
  PATTERNS.map((p) => [p, z.strictObject(patternKeySchemas[p])]),
) as { [P in PatternName]: z.ZodObject<(typeof patternKeySchemas)[P]> };

export const stageSchema = z.discriminatedUnion(
  'pattern',
  PATTERNS.map((p) => stageSchemas[p]) as unknown as [
    StageSchemas[PatternName],
    ...StageSchemas[PatternName][],
  ],
);

export const defaultsSchema = z.strictObject({
  ...stepSettings,
  /** A limit on steps running at once across the whole run. */
  max_concurrent: z.number().int().min(1, 'max_concurrent must be at least 1').optional(),
});

/** The full form's top level, with stages checked one by one (each against its pattern). */
export const fullFormTopSchema = z.strictObject({
  version: z.literal(1, 'version must be 1').optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  defaults: defaultsSchema.optional(),
  agents: z.record(z.string(), agentDefinitionSchema).optional(),
  stages: z.array(z.unknown()),
});

export const orchestrationSchema = fullFormTopSchema.extend({
  version: z.literal(1),
  stages: z.array(stageSchema),
});
