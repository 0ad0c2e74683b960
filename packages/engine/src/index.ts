export { realClock } from './clock/realClock.js';
export { VirtualClock } from './clock/virtualClock.js';
export type * from './contract.js';
export { createLocalDispatcher, type LocalDispatcherOptions } from './dispatch/localDispatcher.js';
export { StepInterruptedError } from './dispatch/stepInterrupted.js';
export { stderrLogger } from './events/stderrLogger.js';
export {
  createQueueDispatcher,
  type QueueDispatcher,
  type QueueDispatcherOptions,
} from './queue/queueDispatcher.js';
export { redisOptions, shownRedisUrl } from './queue/redisConnection.js';
export {
  definitionFor,
  type StepWorker,
  type StepWorkerEvent,
  type StepWorkerOptions,
  startStepWorker,
} from './queue/stepWorker.js';
export type { WorkerPresence } from './queue/workerPresence.js';
export {
  type AgentRegistry,
  loadAgentRegistry,
  type RegistryDiagnostic,
  unavailableAgents,
} from './registry/loadAgentRegistry.js';
export { readAgentAnswer } from './runtimes/agentAnswer.js';
export { type AgentCliOptions, programMissingMessage } from './runtimes/agentCli.js';
export {
  type AgentProgram,
  agentProgram,
  type MissingProgramsOptions,
  missingAgentPrograms,
} from './runtimes/agentPrograms.js';
export { userPrompt } from './runtimes/agentPrompt.js';
export type { AgentRuntime, RuntimeContext, RuntimeKind } from './runtimes/agentRuntime.js';
export { createClaudeRuntime } from './runtimes/claudeRuntime.js';
export { createCodexRuntime } from './runtimes/codexRuntime.js';
export { type CommandRuntimeOptions, createCommandRuntime } from './runtimes/commandRuntime.js';
export { type FindProgramOptions, findProgram } from './runtimes/findProgram.js';
export { createGeminiRuntime } from './runtimes/geminiRuntime.js';
export { createHttpRuntime } from './runtimes/httpRuntime.js';
export { createOpenAiRuntime } from './runtimes/openaiRuntime.js';
export { processAlive } from './runtimes/processGroup.js';
export { createSimulatedRuntime } from './runtimes/simulatedRuntime.js';
export { removeStaleStepScratch } from './runtimes/stepScratch.js';
export { retryDelayMs } from './scheduler/executeAttempts.js';
export { startRun } from './startRun.js';
