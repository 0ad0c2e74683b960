import {
  type AgentCatalog,
  catalogFor,
  durationOf,
  estimate,
  type ValidateResponse,
  validate,
} from '@baton/core';
import { Router } from 'express';
import { inlineAgentViolations } from '../http/checkOrchestration.js';
import { readYamlBody } from '../http/readYamlBody.js';

/** `POST /api/validate`: diagnostics, plan and estimate of a file, without saving anything. */
export function validateRoute(
  agents: () => AgentCatalog,
  unavailableAgents: () => Readonly<Record<string, string>> = () => ({}),
): Router {
  const router = Router();
  router.post('/', (req, res) => {
    const catalog = agents();
    const result = validate(readYamlBody(req), { agents: catalog, unavailableAgents: unavailableAgents() });
    const violations = inlineAgentViolations(result);
    const merged = catalogFor(result.document?.agents, catalog);
    const body: ValidateResponse = {
      ok: result.ok && violations.length === 0,
      form: result.form,
      diagnostics: [...result.diagnostics, ...violations],
      plan: result.plan,
      estimate: result.plan ? estimate(result.plan, durationOf(merged)) : null,
    };
    res.json(body);
  });
  return router;
}
