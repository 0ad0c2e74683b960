import type { z } from 'zod';
import type {
  agentDefinitionSchema,
  branchSchema,
  claudeRuntimeSchema,
  codexRuntimeSchema,
  defaultsSchema,
  geminiRuntimeSchema,
  orchestrationSchema,
  phaseSchema,
  runtimeSchema,
  simulatedRuntimeSchema,
  stageSchema,
  stageSchemas,
  syncPointSchema,
  syncTaskSchema,
  taskSchema,
} from './schema.js';

/** The orchestration document: the one model every part of Baton edits, runs and exports. */
export type Orchestration = z.infer<typeof orchestrationSchema>;
export type Stage = z.infer<typeof stageSchema>;
export type StageOf<P extends Stage['pattern']> = z.infer<(typeof stageSchemas)[P]>;
export type Task = z.infer<typeof taskSchema>;
export type SyncTask = z.infer<typeof syncTaskSchema>;
export type SyncPoint = z.infer<typeof syncPointSchema>;
export type Phase = z.infer<typeof phaseSchema>;
export type Branch = z.infer<typeof branchSchema>;
export type Defaults = z.infer<typeof defaultsSchema>;
export type AgentDefinition = z.infer<typeof agentDefinitionSchema>;
export type Runtime = z.infer<typeof runtimeSchema>;
export type SimulatedRuntime = z.infer<typeof simulatedRuntimeSchema>;
export type ClaudeRuntime = z.infer<typeof claudeRuntimeSchema>;
export type CodexRuntime = z.infer<typeof codexRuntimeSchema>;
export type GeminiRuntime = z.infer<typeof geminiRuntimeSchema>;
export type RuntimeKind = Runtime['kind'];

/** A path into the model: keys and array indexes, as `['stages', 0, 'tasks', 1, 'agent']`. */
export type ModelPath = readonly (string | number)[];
