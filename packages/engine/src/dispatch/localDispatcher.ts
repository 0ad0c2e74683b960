import { realClock } from '../clock/realClock.js';
import type { Clock, Dispatcher } from '../contract.js';
import type { AgentRuntime, RuntimeKind } from '../runtimes/agentRuntime.js';
import { createCommandRuntime } from '../runtimes/commandRuntime.js';
import { createHttpRuntime } from '../runtimes/httpRuntime.js';
import { createOpenAiRuntime } from '../runtimes/openaiRuntime.js';
import { createSimulatedRuntime } from '../runtimes/simulatedRuntime.js';

export interface LocalDispatcherOptions {
  /** The clock simulated agents wait on: the run's own (a virtual one in tests). */
  clock?: Clock;
  /** Between SIGTERM and SIGKILL for command agents. Default 5s. */
  killGraceMs?: number;
  /** Replace a runtime (tests, or an embedding application). */
  runtimes?: Partial<Record<RuntimeKind, AgentRuntime>>;
}

/**
 * The local dispatcher (DESIGN §3.4): runs each step in this process with the runtime its
 * agent names. An agent without a runtime (a Claude Code agent file without Baton's
 * `runtime:`) runs simulated, so that every registry agent can be tried out.
 */
export function createLocalDispatcher(options: LocalDispatcherOptions = {}): Dispatcher {
  const clock = options.clock ?? realClock;
  const runtimes: Record<RuntimeKind, AgentRuntime> = {
    simulated: createSimulatedRuntime(clock),
    command: createCommandRuntime(
      options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs },
    ),
    http: createHttpRuntime(),
    openai: createOpenAiRuntime(),
    ...options.runtimes,
  };
  return {
    execute(invocation, context) {
      const kind = invocation.definition.runtime?.kind ?? 'simulated';
      return runtimes[kind].run(invocation, context);
    },
  };
}
