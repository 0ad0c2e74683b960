export {
  AGENT_CLI_PROGRAMS,
  type AgentCliKind,
  isAgentCliKind,
  runsSimulated,
  runtimeKindOf,
  type SimulateOptions,
  simulatedStandIn,
} from './agents/agentRuntimeKind.js';
export {
  type AgentCatalog,
  type AgentInfo,
  BUILTIN_AGENTS,
  catalogFor,
  GENERAL_PURPOSE_AGENT,
} from './agents/builtinAgents.js';
export type * from './api/apiTypes.js';
export {
  closestMatch,
  type Diagnostic,
  didYouMean,
  formatDiagnostic,
  formatPath,
  hasErrors,
  listNames,
  type Severity,
} from './diagnostics.js';
export {
  addAgent,
  autoSlot,
  moveStep,
  newStage,
  removeStep,
  setStepAgent,
  siblingCount,
} from './edit/slotEdits.js';
export { PATTERN_SHORT_ID, stageIds, uniqueId } from './edit/stageIds.js';
export { refOfStep, refOfStepId } from './edit/stepRef.js';
export { updateStage } from './edit/updateStage.js';
export { deepEqual } from './model/deepEqual.js';
export { type Duration, formatDuration, parseDuration } from './model/duration.js';
export { fileJsonSchema } from './model/fileJsonSchema.js';
export {
  inferPattern,
  inferPatternIn,
  isPatternName,
  PATTERN_TITLES,
  PATTERNS,
  type PatternName,
  SEED_INFERENCE_KEYS,
} from './model/patterns.js';
export * as schemas from './model/schema.js';
export type * from './model/types.js';
export type {
  PatternModule,
  PatternModules,
  PatternStage,
  SeedRule,
  SlotEdits,
} from './patterns/patternModule.js';
export { PATTERN_MODULES, PATTERN_REGISTRY, patternModule } from './patterns/registry.js';
export { type AddSlot, moveItem, nextName, type StepRef } from './patterns/slots.js';
export { type CompileOptions, type CompileResult, compile } from './plan/compile.js';
export { type Estimate, estimate, predecessors } from './plan/estimate.js';
export {
  DEFAULT_SIMULATED_DURATION_MS,
  type DurationOptions,
  durationOf,
  expectedDurationMs,
  REAL_AGENT_DURATION_GUESS_MS,
} from './plan/expectedDuration.js';
export { toMermaid } from './plan/mermaid.js';
export { nothingToRun } from './plan/nothingToRun.js';
export type { OwnSettings, StageSteps, StepDraft } from './plan/stepDraft.js';
export { emptyStageWarning, own } from './plan/stepDraft.js';
export {
  type AgentDefinitionPart,
  canonicalJson,
  hash128,
  type StepDefinition,
  stepDefinition,
  stepFingerprint,
  stepFingerprints,
} from './plan/stepFingerprint.js';
export { stageIdOf, stepIds } from './plan/stepIds.js';
export * from './plan/types.js';
export type * from './run/eventData.js';
export * from './run/events.js';
export { parseRunEvent, parseRunEventJson, RunEventParseError } from './run/parseRunEvent.js';
export {
  applyEvent,
  emptyRunState,
  type RunState,
  reduceRun,
  type StageState,
  type StepState,
} from './run/reduceRun.js';
export { type StepInterval, stepIntervals } from './run/stepIntervals.js';
export type { StepResult } from './run/stepResult.js';
export { type ValidateResult, validate } from './validate.js';
export { decodeText, invalidUtf8 } from './yaml/decodeText.js';
export { YAML_LIMITS } from './yaml/limits.js';
export { type ParseResult, parse, positionIssue } from './yaml/parse.js';
export type { ModelIssue } from './yaml/schemaIssues.js';
export {
  SerializeError,
  type SerializeOptions,
  seedFormBlocker,
  serialize,
  toFileValue,
} from './yaml/serialize.js';
export { type FileForm, locate, type SourceRange, type YamlSource } from './yaml/YamlSource.js';
