import type { ValidateResponse } from '@baton/core';
import { Router } from 'express';
import type { CheckContext } from '../checks/checkYamlText.js';
import type { YamlChecker } from '../http/checkOrchestration.js';
import { readYamlBody } from '../http/readYamlBody.js';

/**
 * `POST /api/validate`: diagnostics (the first few hundred, and how many more), plan and
 * estimate of a file, without saving anything. Checked off the event loop (`CheckPool`).
 */
export function validateRoute(checker: YamlChecker, context: () => CheckContext): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const check = await checker.check(readYamlBody(req), context());
    const body: ValidateResponse = {
      ok: check.ok,
      form: check.form,
      diagnostics: check.diagnostics,
      moreDiagnostics: check.moreDiagnostics,
      plan: check.plan,
      estimate: check.estimate,
    };
    res.json(body);
  });
  return router;
}
