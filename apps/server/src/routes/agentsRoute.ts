import type { AgentCatalog, AgentInfo, AgentsResponse } from '@baton/core';
import { Router } from 'express';

/** An agent as the API shows it: without environment values or headers, which may hold secrets. */
function publicAgent(agent: AgentInfo): AgentInfo {
  const runtime = agent.runtime;
  if (!runtime) return agent;
  if (runtime.kind === 'command') return { ...agent, runtime: { ...runtime, env: undefined } };
  if (runtime.kind === 'http') return { ...agent, runtime: { ...runtime, headers: undefined } };
  return agent;
}

export function agentsRoute(agents: () => AgentCatalog): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const body: AgentsResponse = {
      agents: Object.values(agents())
        .map(publicAgent)
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
    res.json(body);
  });
  return router;
}
