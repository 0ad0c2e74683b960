import { resolve } from 'node:path';
import {
  type AgentCatalog,
  type AgentCliKind,
  type AgentInfo,
  isAgentCliKind,
  type ModelIssue,
  type ModelPath,
  type Plan,
  type Runtime,
  runtimeKindOf,
} from '@baton/core';
import { cliProgram, programMissingMessage } from './agentCli.js';
import { findProgram } from './findProgram.js';

/** The program a real runtime starts for an agent, and where and with which PATH it looks for it. */
export interface AgentProgram {
  kind: AgentCliKind | 'command';
  program: string;
  /** The folder the process starts in: a relative program path is read from there. */
  cwd: string;
  /** The PATH it is started with: the agent's `runtime.env` may set its own. */
  path: string | undefined;
}

/**
 * The program an agent's runtime would start (claude/codex/gemini: `runtime.program` or the
 * CLI's name; command: argv[0]), or null for a runtime that starts none (simulated, http, openai).
 */
export function agentProgram(agent: AgentInfo, workspace: string): AgentProgram | null {
  const kind = runtimeKindOf(agent);
  const runtime = agent.runtime;
  if (kind === 'command') {
    if (runtime?.kind !== 'command') return null;
    const [program] = runtime.command;
    if (program === undefined) return null;
    return { kind, program, cwd: resolve(workspace, runtime.cwd ?? '.'), path: pathIn(runtime.env) };
  }
  if (!isAgentCliKind(kind)) return null;
  const settings = runtime?.kind === kind ? (runtime as Extract<Runtime, { kind: AgentCliKind }>) : undefined;
  return { kind, program: cliProgram(kind, settings ?? {}), cwd: workspace, path: pathIn(settings?.env) };
}

function pathIn(env: Readonly<Record<string, string>> | undefined): string | undefined {
  return env !== undefined && Object.hasOwn(env, 'PATH') ? env.PATH : process.env.PATH;
}

export interface MissingProgramsOptions {
  /** The run's workspace: where the agents' processes would start. */
  workspace: string;
}

/**
 * Before a run (`baton validate`, `baton run` without `--simulate`): a warning for each agent
 * the plan calls (as a step's agent or its fallback) whose real runtime's program is not
 * found, worded as the step's failure would be. `catalog` is the run's, inline agents included.
 */
export function missingAgentPrograms(
  plan: Plan,
  catalog: AgentCatalog,
  options: MissingProgramsOptions,
): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const checked = new Set<string>();
  const check = (name: string | null, path: ModelPath) => {
    if (name === null || checked.has(name) || !Object.hasOwn(catalog, name)) return;
    checked.add(name);
    const agent = catalog[name];
    const found = agent ? agentProgram(agent, options.workspace) : null;
    if (!found || findProgram(found.program, { cwd: found.cwd, path: found.path }) !== null) return;
    issues.push({
      severity: 'warning',
      message: programMissingMessage(found.program, found.kind, name),
      path,
    });
  };
  for (const step of plan.steps) {
    check(step.agent, [...step.path, 'agent']);
    check(step.fallbackAgent, step.path);
  }
  return issues;
}
