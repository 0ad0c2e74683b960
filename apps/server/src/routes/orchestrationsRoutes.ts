import {
  type OrchestrationRecord,
  type OrchestrationsResponse,
  PATTERN_TITLES,
  type VersionConflict,
} from '@baton/core';
import { type Request, type Response, Router } from 'express';
import type { CheckContext } from '../checks/checkYamlText.js';
import { ApiError, notFound } from '../http/ApiError.js';
import {
  type CheckedOrchestration,
  checkOrchestration,
  type YamlChecker,
} from '../http/checkOrchestration.js';
import { readYamlBody } from '../http/readYamlBody.js';
import type { OrchestrationInput, OrchestrationStore } from '../store/orchestrationStore.js';

/** The stored input of a checked file: its text, model and counts. */
export function orchestrationInput(checked: CheckedOrchestration, nameHint?: string): OrchestrationInput {
  const { document, plan, text } = checked;
  const onlyStage = document.stages.length === 1 ? document.stages[0] : undefined;
  return {
    name:
      document.name ??
      nameHint ??
      (onlyStage && !onlyStage.name ? PATTERN_TITLES[onlyStage.pattern] : plan.name),
    yaml: text,
    model: JSON.stringify(document),
    stages: plan.stages.length,
    steps: plan.steps.length,
  };
}

function sendRecord(res: Response, record: OrchestrationRecord, status = 200) {
  res.status(status).setHeader('ETag', `"${record.version}"`).json(record);
}

/** `If-Match: "3"` (or `3`, or `W/"3"`) → 3. */
function expectedVersion(header: string | undefined): number {
  if (!header) {
    throw new ApiError(
      428,
      'if_match_required',
      'send If-Match with the version you edited (the ETag of your GET)',
    );
  }
  const match = header.trim().match(/^(?:W\/)?"?(\d+)"?$/);
  if (!match)
    throw new ApiError(400, 'invalid_if_match', `If-Match must be a version such as "3", not ${header}`);
  return Number(match[1]);
}

export function orchestrationsRoutes(
  store: OrchestrationStore,
  checker: YamlChecker,
  context: () => CheckContext,
): Router {
  const router = Router();
  const checked = (req: Request) => checkOrchestration(checker, readYamlBody(req), context());

  router.get('/', (_req, res) => {
    const body: OrchestrationsResponse = { orchestrations: store.list() };
    res.json(body);
  });

  router.post('/', async (req, res) => {
    sendRecord(res, store.create(orchestrationInput(await checked(req))), 201);
  });

  router.get('/:id', (req, res) => {
    const record = store.get(req.params.id);
    if (!record) throw notFound('orchestration', req.params.id);
    sendRecord(res, record);
  });

  router.get('/:id/versions', (req, res) => {
    if (!store.get(req.params.id)) throw notFound('orchestration', req.params.id);
    res.json({ versions: store.versions(req.params.id) });
  });

  router.put('/:id', async (req, res) => {
    // Missing and stale come first: a user with a stale copy must learn that before any typo.
    const before = store.get(req.params.id);
    if (!before) throw notFound('orchestration', req.params.id);
    const expected = expectedVersion(req.headers['if-match']);
    const stale = (current: OrchestrationRecord) => {
      const body: VersionConflict = {
        error: {
          code: 'version_conflict',
          message: `you edited version ${expected}, but version ${current.version} was saved since; reload it or save yours as a copy`,
        },
        current,
      };
      res.status(412).setHeader('ETag', `"${current.version}"`).json(body);
    };
    if (before.version !== expected) return stale(before);
    const input = orchestrationInput(await checked(req));
    // Checked off the event loop: a save meanwhile makes this one stale (store.update says so).
    const outcome = store.update(req.params.id, expected, input);
    if (outcome.kind === 'missing') throw notFound('orchestration', req.params.id);
    if (outcome.kind === 'stale') return stale(outcome.current);
    sendRecord(res, outcome.record);
  });

  router.delete('/:id', (req, res) => {
    if (!store.delete(req.params.id)) throw notFound('orchestration', req.params.id);
    res.status(204).end();
  });

  return router;
}
