import {
  type AgentCatalog,
  catalogFor,
  estimate,
  parseDuration,
  type ValidateResponse,
  validate,
} from '@baton/core';
import { Router } from 'express';
import { inlineAgentViolations } from '../http/checkOrchestration.js';
import { readYamlBody } from '../http/readYamlBody.js';

/** Expected duration of an agent: its simulated duration, else a minute for a real agent. */
export function expectedDurationMs(agents: AgentCatalog, name: string | null): number {
  const runtime = name ? agents[name]?.runtime : undefined;
  if (runtime?.kind === 'simulated') return parseDuration(runtime.duration ?? 1000) ?? 1000;
  return 60_000;
}

/** `POST /api/validate`: diagnostics, plan and estimate of a file, without saving anything. */
export function validateRoute(agents: () => AgentCatalog): Router {
  const router = Router();
  router.post('/', (req, res) => {
    const catalog = agents();
    const result = validate(readYamlBody(req), { agents: catalog });
    const violations = inlineAgentViolations(result);
    const merged = catalogFor(result.document?.agents, catalog);
    const body: ValidateResponse = {
      ok: result.ok && violations.length === 0,
      form: result.form,
      diagnostics: [...result.diagnostics, ...violations],
      plan: result.plan,
      estimate: result.plan ? estimate(result.plan, (step) => expectedDurationMs(merged, step.agent)) : null,
    };
    res.json(body);
  });
  return router;
}
