import { relative } from 'node:path';
import type { AgentCatalog, AgentInfo, AgentsResponse, RegistryDiagnostic } from '@baton/core';
import { Router } from 'express';

/**
 * An agent as the API shows it: without environment values or headers, which may hold
 * secrets, and its file relative to the agents folder (the server's own layout is not shown).
 */
function publicAgent(agent: AgentInfo, agentsDir: string | undefined): AgentInfo {
  let shown = agent;
  if (agent.file !== undefined && agentsDir !== undefined) {
    const rel = relative(agentsDir, agent.file);
    if (!rel.startsWith('..')) shown = { ...agent, file: rel.split('\\').join('/') };
  }
  const runtime = shown.runtime;
  if (!runtime) return shown;
  if (runtime.kind === 'command') return { ...shown, runtime: { ...runtime, env: undefined } };
  if (runtime.kind === 'http') return { ...shown, runtime: { ...runtime, headers: undefined } };
  if (runtime.kind === 'claude' || runtime.kind === 'codex' || runtime.kind === 'gemini') {
    return { ...shown, runtime: { ...runtime, env: undefined } };
  }
  return shown;
}

/** `GET /api/agents`: the registry's agents and what it could not read (file, line, message). */
export function agentsRoute(
  agents: () => AgentCatalog,
  diagnostics: () => readonly RegistryDiagnostic[] = () => [],
  agentsDir?: string,
): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const body: AgentsResponse = {
      agents: Object.values(agents())
        .map((agent) => publicAgent(agent, agentsDir))
        .sort((a, b) => a.name.localeCompare(b.name)),
      diagnostics: [...diagnostics()],
    };
    res.json(body);
  });
  return router;
}
