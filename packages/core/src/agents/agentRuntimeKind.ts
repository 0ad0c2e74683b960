import type { RuntimeKind } from '../model/types.js';
import type { AgentInfo } from './builtinAgents.js';

/** The runtimes that spawn an agent CLI (docs/design.md §3.3): a program that must be on PATH. */
export const AGENT_CLI_PROGRAMS = { claude: 'claude', codex: 'codex', gemini: 'gemini' } as const;
export type AgentCliKind = keyof typeof AGENT_CLI_PROGRAMS;

export function isAgentCliKind(kind: RuntimeKind): kind is AgentCliKind {
  return Object.hasOwn(AGENT_CLI_PROGRAMS, kind);
}

/**
 * The runtime an agent runs with (docs/design.md §3.3): its own `runtime.kind`; without one, a
 * Claude Code agent file (`source: 'file'`) is a Claude Code agent and runs through `claude`,
 * and anything else (a document's inline agent) is simulated.
 */
export function runtimeKindOf(agent: AgentInfo): RuntimeKind {
  if (agent.runtime) return agent.runtime.kind;
  return agent.source === 'file' ? 'claude' : 'simulated';
}

export interface SimulateOptions {
  /** The run-wide dry-run switch: every agent runs as its simulated stand-in. */
  simulate?: boolean;
}

/** Whether an agent runs simulated, in a run with these options. An unknown agent does not run. */
export function runsSimulated(agent: AgentInfo | undefined, options: SimulateOptions = {}): boolean {
  if (agent === undefined) return false;
  return options.simulate === true || runtimeKindOf(agent) === 'simulated';
}

/**
 * The agent as a dry run calls it: its own simulated runtime if it has one, else the simulated
 * runtime's defaults (1 s, succeeds, answers nothing a reviewer or analyzer needs: a silent
 * simulated reviewer approves, and a silent analyzer's stage takes its `default` branch, or
 * fails without one).
 */
export function simulatedStandIn(agent: AgentInfo): AgentInfo {
  if (agent.runtime?.kind === 'simulated') return agent;
  return { ...agent, runtime: { kind: 'simulated' } };
}
