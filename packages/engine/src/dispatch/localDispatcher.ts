import { runtimeKindOf } from '@baton/core';
import { realClock } from '../clock/realClock.js';
import type { Clock, Dispatcher } from '../contract.js';
import type { AgentRuntime, RuntimeKind } from '../runtimes/agentRuntime.js';
import { createClaudeRuntime } from '../runtimes/claudeRuntime.js';
import { createCodexRuntime } from '../runtimes/codexRuntime.js';
import { createCommandRuntime } from '../runtimes/commandRuntime.js';
import { createGeminiRuntime } from '../runtimes/geminiRuntime.js';
import { createHttpRuntime } from '../runtimes/httpRuntime.js';
import { createOpenAiRuntime } from '../runtimes/openaiRuntime.js';
import { createSimulatedRuntime } from '../runtimes/simulatedRuntime.js';

export interface LocalDispatcherOptions {
  /** The clock simulated agents wait on: the run's own (a virtual one in tests). */
  clock?: Clock;
  /** Between SIGTERM and SIGKILL for command and agent CLI agents. Default 5s. */
  killGraceMs?: number;
  /** Replace a runtime (tests, or an embedding application). */
  runtimes?: Partial<Record<RuntimeKind, AgentRuntime>>;
}

/**
 * The local dispatcher (docs/design.md §3.4): runs each step in this process with the runtime its
 * agent names, core's `runtimeKindOf` (a Claude Code agent file without Baton's `runtime:` is
 * a Claude Code agent).
 */
export function createLocalDispatcher(options: LocalDispatcherOptions = {}): Dispatcher {
  const clock = options.clock ?? realClock;
  const grace = options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs };
  const runtimes: Record<RuntimeKind, AgentRuntime> = {
    simulated: createSimulatedRuntime(clock),
    command: createCommandRuntime(grace),
    http: createHttpRuntime(),
    openai: createOpenAiRuntime(),
    claude: createClaudeRuntime(grace),
    codex: createCodexRuntime(grace),
    gemini: createGeminiRuntime(grace),
    ...options.runtimes,
  };
  return {
    execute(invocation, context) {
      const kind = runtimeKindOf(invocation.definition);
      return runtimes[kind].run(invocation, context);
    },
  };
}
