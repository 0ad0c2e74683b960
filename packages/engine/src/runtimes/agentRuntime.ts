import type { Runtime } from '@baton/core';
import type { Dispatcher, StepInvocation, StepResult } from '../contract.js';

export type RuntimeKind = Runtime['kind'];

/** What a runtime is given besides the invocation: the abort signal and a log sink. */
export type RuntimeContext = Parameters<Dispatcher['execute']>[1];

/**
 * One way of calling an agent (docs/design.md §3.3). A runtime resolves with the agent's result,
 * a failed result for an agent that failed, and must settle soon after `signal` aborts
 * (having stopped what it started).
 */
export interface AgentRuntime {
  run(invocation: StepInvocation, context: RuntimeContext): Promise<StepResult>;
}

/** The runtime settings of one kind from an invocation's agent definition. */
export function runtimeOf<K extends RuntimeKind>(
  invocation: StepInvocation,
  kind: K,
): Extract<Runtime, { kind: K }> {
  const runtime = invocation.definition.runtime;
  if (!runtime || runtime.kind !== kind) {
    throw new Error(`agent '${invocation.agent}' has no ${kind} runtime`);
  }
  return runtime as Extract<Runtime, { kind: K }>;
}

export function failed(error: string, output = ''): StepResult {
  return { status: 'failed', output, error };
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    // fetch hides the network reason (ECONNREFUSED…) in `cause`.
    if (cause instanceof Error && cause.message && !error.message.includes(cause.message)) {
      return `${error.message}: ${cause.message}`;
    }
    return error.message;
  }
  return String(error);
}
