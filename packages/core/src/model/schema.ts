import { z } from 'zod';
import { YAML_LIMITS } from '../yaml/limits.js';
import { describeValue } from './describeValue.js';
import { DURATION_PATTERN, MAX_DURATION_MS, MAX_DURATION_TEXT, parseDuration } from './duration.js';
import { PATTERNS } from './patterns.js';
import { RESERVED_NAME, reservedNameMessage } from './reservedName.js';

/**
 * The zod schema of a `*.baton.yaml` file (docs/design.md §2). Objects are strict: an unknown key is
 * an error, never silently dropped. Defaults are *not* filled in here: the model keeps what the
 * user wrote, so that exporting it adds no keys; `compile` applies the defaults.
 */

const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
// `__proto__` as a name would become a key of the run's state and of agent catalogues.
const notReserved = (name: string) => name !== RESERVED_NAME;
// Names are short labels; a bound keeps messages that quote them (and suggestions) small.
const NAME_TOO_LONG = `a name or id is at most ${YAML_LIMITS.maxNameLength} characters`;
const nameText = () => z.string().max(YAML_LIMITS.maxNameLength, NAME_TOO_LONG);
const idSchema = z
  .string()
  .max(YAML_LIMITS.maxNameLength, NAME_TOO_LONG)
  .regex(ID_PATTERN, 'an id may hold only letters, digits, "_" and "-" (no dots or spaces)')
  .refine(notReserved, reservedNameMessage('an id'));
const agentName = z
  .string()
  .min(1, 'an agent name must not be empty')
  .max(YAML_LIMITS.maxNameLength, NAME_TOO_LONG)
  .refine(notReserved, reservedNameMessage('an agent name'));

const TOO_LONG = `a duration must be at most ${MAX_DURATION_TEXT}, i.e. ${MAX_DURATION_MS} ms`;
export const durationSchema = z
  .union(
    [
      z.number().nonnegative('a duration must not be negative').max(MAX_DURATION_MS, TOO_LONG),
      z
        .string()
        .regex(DURATION_PATTERN, 'a duration is a number of milliseconds or text like 250ms, 2s, 5m, 1h'),
    ],
    // Neither a number nor text: say what it is (1e309 is a number too large, read as infinity).
    {
      error: (issue) =>
        `a duration is a number of milliseconds or text like 250ms, 2s, 5m, 1h, at most ${MAX_DURATION_TEXT}; got ${describeValue(issue.input)}`,
    },
  )
  // "400 digits h" matches the pattern but overflows to infinity: refused with the range.
  .refine((d) => (parseDuration(d) ?? 0) <= MAX_DURATION_MS, TOO_LONG);

/** A step's time limit: a duration above zero (a zero limit would fail every attempt at once). */
export const timeoutSchema = durationSchema.refine(
  (d) => (typeof d === 'number' ? d > 0 : !/^0+(\.0+)?\s*(ms|s|m|h)$/.test(d)),
  'a timeout must be longer than zero',
);

const stepSettings = {
  timeout: timeoutSchema.optional(),
  retries: z.number().int().min(0).max(10).optional(),
  fallback_agent: agentName.optional(),
};

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

const taskFields = {
  id: idSchema.optional(),
  agent: agentName,
  task: z.string().optional(),
  checklist: z.array(z.string()).optional(),
  produces: z.string().optional(),
  ...stepSettings,
};
export const taskSchema = z.strictObject(taskFields);
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

export const phaseSchema = z.strictObject({
  name: nameText().min(1),
  agent: agentName,
  validator: agentName.optional(),
  task: z.string().optional(),
  validator_task: z.string().optional(),
  checklist: z.array(z.string()).optional(),
  ...stepSettings,
});

export const branchSchema = z.strictObject({
  condition: nameText().min(1, 'a branch needs a condition (or "default")'),
  // Optional here so that a missing agent is reported by validation with its position.
  agent: agentName.optional(),
  task: z.string().optional(),
  checklist: z.array(z.string()).optional(),
  ...stepSettings,
});

/** Each pattern's own keys: exactly what a seed-form file may hold. */
export const patternKeySchemas = {
  parallel_independent: {
    parallel_execution: z.boolean().optional(),
    max_concurrent: z.number().int().min(1, 'max_concurrent must be at least 1').optional(),
    tasks: z.array(taskSchema).optional(),
  },
  sequential_handoff: {
    parallel_execution: z.literal(false, 'a sequential handoff has parallel_execution: false').optional(),
    handoff_artifacts: z.array(z.string()).optional(),
    tasks: z.array(taskSchema).optional(),
  },
  parallel_with_sync: {
    parallel_execution: z.boolean().optional(),
    max_concurrent: z.number().int().min(1, 'max_concurrent must be at least 1').optional(),
    sync_points: z.array(syncPointSchema),
    tasks: z.array(syncTaskSchema).optional(),
  },
  primary_with_reviewers: {
    primary_agent: agentName,
    primary_task: z.string().optional(),
    reviewer_agents: z.array(agentName).optional(),
    review_tasks: z.record(z.string(), z.string()).optional(),
    parallel_execution: z.boolean().optional(),
    max_revisions: z.number().int().min(0).max(20).optional(),
  },
  incremental_validation: {
    phases: z.array(phaseSchema),
    sequential: z.boolean().optional(),
    max_attempts: z.number().int().min(1).max(20).optional(),
  },
  fan_out_fan_in: {
    fan_out: z.strictObject({
      agent: agentName,
      tasks: z.array(z.string()),
      parallel: z.boolean().optional(),
      max_concurrent: z.number().int().min(1, 'max_concurrent must be at least 1').optional(),
    }),
    fan_in: z.strictObject({ agent: agentName, task: z.string().optional() }),
  },
  conditional_branching: {
    conditional_logic: z.strictObject({
      analyzer: agentName,
      analyzer_task: z.string().optional(),
      branches: z.array(branchSchema),
    }),
  },
} as const;

/** Keys every stage of the full form may carry besides its pattern's own. */
export const stageCommonKeys = {
  id: idSchema.optional(),
  name: nameText().optional(),
  description: z.string().optional(),
  needs: z.array(nameText()).optional(),
  ...stepSettings,
};

function stageSchemaOf<P extends (typeof PATTERNS)[number]>(pattern: P) {
  return z.strictObject({
    ...stageCommonKeys,
    pattern: z.literal(pattern),
    ...patternKeySchemas[pattern],
  });
}

export const stageSchemas = {
  parallel_independent: stageSchemaOf('parallel_independent'),
  sequential_handoff: stageSchemaOf('sequential_handoff'),
  parallel_with_sync: stageSchemaOf('parallel_with_sync'),
  primary_with_reviewers: stageSchemaOf('primary_with_reviewers'),
  incremental_validation: stageSchemaOf('incremental_validation'),
  fan_out_fan_in: stageSchemaOf('fan_out_fan_in'),
  conditional_branching: stageSchemaOf('conditional_branching'),
};

export const seedSchemas = Object.fromEntries(
  PATTERNS.map((p) => [p, z.strictObject(patternKeySchemas[p])]),
) as { [P in (typeof PATTERNS)[number]]: z.ZodObject<(typeof patternKeySchemas)[P]> };

export const stageSchema = z.discriminatedUnion('pattern', [
  stageSchemas.parallel_independent,
  stageSchemas.sequential_handoff,
  stageSchemas.parallel_with_sync,
  stageSchemas.primary_with_reviewers,
  stageSchemas.incremental_validation,
  stageSchemas.fan_out_fan_in,
  stageSchemas.conditional_branching,
]);

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
