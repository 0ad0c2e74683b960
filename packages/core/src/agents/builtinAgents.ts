import type { AgentDefinition } from '../model/types.js';

/** An agent as the registry knows it: its definition plus where it came from. */
export interface AgentInfo extends AgentDefinition {
  name: string;
  source: 'builtin' | 'file' | 'inline';
  /**
   * The Claude Code agent file it was read from (absolute), for a `source: 'file'` agent read
   * from `.claude/agents`: the claude runtime passes `--agent NAME` when Claude Code sees it too.
   */
  file?: string;
}

export type AgentCatalog = Readonly<Record<string, AgentInfo>>;

/** The fallback the seed names in `on_agent_error: retry_once_then_fallback`. */
export const GENERAL_PURPOSE_AGENT = 'general-purpose';

function builtin(
  name: string,
  description: string,
  duration: string,
  extra: Partial<AgentDefinition> = {},
): AgentInfo {
  return {
    name,
    description,
    source: 'builtin',
    runtime: { kind: 'simulated', duration, jitter: 0.2, seed: name.length },
    ...extra,
  };
}

/**
 * The seed's six agents and its fallback, as simulated agents, so that every example runs out
 * of the box. A registry file of the same name replaces one (docs/design.md §3.3).
 */
export const BUILTIN_AGENTS: AgentCatalog = Object.fromEntries(
  [
    builtin('fastapi-backend-expert', 'Builds FastAPI endpoints, models, validation and migrations', '3s'),
    builtin('react-frontend-architect', 'Builds React components, forms and state management', '3s'),
    builtin(
      'architecture-guardian',
      'Reviews architecture, patterns and security; analyses code quality',
      '2s',
      {
        runtime: {
          kind: 'simulated',
          duration: '2s',
          jitter: 0.2,
          seed: 21,
          verdict: 'approve',
          condition: 'high_complexity',
        },
      },
    ),
    builtin('pytest-test-master', 'Writes and runs pytest suites; checks coverage and edge cases', '2500ms', {
      runtime: { kind: 'simulated', duration: '2500ms', jitter: 0.2, seed: 18, verdict: 'approve' },
    }),
    builtin('codebase-cleaner', 'Refactors complex code and removes dead code', '3s'),
    builtin('comment-cleaner', 'Cleans comments and formats code', '1500ms'),
    builtin(GENERAL_PURPOSE_AGENT, 'General-purpose agent: the fallback when a specialist fails', '2s'),
  ].map((agent) => [agent.name, agent]),
);

/** The registry's agents with a document's inline definitions laid over them. */
export function catalogFor(
  inline: Readonly<Record<string, AgentDefinition>> | undefined,
  registry: AgentCatalog = BUILTIN_AGENTS,
): AgentCatalog {
  if (!inline) return registry;
  const merged: Record<string, AgentInfo> = { ...registry };
  for (const [name, definition] of Object.entries(inline)) {
    const base = Object.hasOwn(registry, name) ? registry[name] : undefined;
    // defineProperty: a name such as `__proto__` is an agent like any other, not the prototype.
    Object.defineProperty(merged, name, {
      value: { ...base, ...definition, name, source: 'inline' },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged;
}
