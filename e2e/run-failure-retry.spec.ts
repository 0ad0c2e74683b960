import { expect, test } from '@playwright/test';
import { createOrchestration } from './support/api';
import { openTab, readExample, typeYaml, yamlText } from './support/editor';
import { nodeStatuses, pressRun, runDetail, runEnded, runEvents, stepNode } from './support/runs';

/** Phase 1's validator (pytest-test-master) set to fail, through its runtime settings in the YAML. */
function failingValidation(failRate: 0 | 1): string {
  return readExample('full/5-incremental-validation.baton.yaml').replace(
    'stages:\n',
    `agents:\n  pytest-test-master: { runtime: { kind: simulated, duration: 300ms, fail_rate: ${failRate} } }\nstages:\n`,
  );
}

test('a failing validator fails its phase, skips the next, and the summary says which and why; a retry after the fix reuses what succeeded', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const record = await createOrchestration(request, failingValidation(1));
  await page.goto(`/o/${record.id}`);
  const failedRunId = await pressRun(page, 10);
  await runEnded(page, 'failed');

  await expect(stepNode(page, 'graphql.phase.0.validator')).toHaveAttribute('data-status', 'failed');
  await expect(stepNode(page, 'graphql.phase.1.agent')).toHaveAttribute('data-status', 'skipped');
  await expect(stepNode(page, 'graphql.phase.1.validator')).toHaveAttribute('data-status', 'skipped');
  await expect(page.locator('[data-stage-id="graphql"]')).toHaveAttribute('data-status', 'failed');
  const summary = page.getByTestId('run-summary');
  const failedSteps = summary.getByTestId('run-failed-steps');
  await expect(failedSteps).toContainText('graphql.phase.0.validator');
  await expect(failedSteps).toContainText('simulated failure');

  // The drawer of the failed node: its attempts and its error.
  await stepNode(page, 'graphql.phase.0.validator').click();
  const drawer = page.getByTestId('step-drawer');
  await expect(drawer).toHaveAttribute('data-step-id', 'graphql.phase.0.validator');
  await expect(drawer.getByTestId('step-result')).toContainText('simulated failure');
  await drawer.getByTestId('drawer-tab-attempts').click();
  await expect(drawer.getByTestId('step-attempts').locator('li')).not.toHaveCount(0);

  // Fix the validator in the YAML tab, save, and retry the failed run from its summary.
  await page.getByTestId('back-to-editing').click();
  await expect(page.getByTestId('run-banner')).toBeHidden();
  const text = await yamlText(page);
  await typeYaml(page, text.replace('fail_rate: 1', 'fail_rate: 0'));
  await expect.poll(async () => (await yamlText(page)).includes('fail_rate: 0')).toBe(true);
  // Not saved by hand: Retry stores the fix first, as ▶ Run does.
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await openTab(page, 'run');
  await page.locator(`[data-testid="run-history-item"][data-run-id="${failedRunId}"]`).click();
  await runEnded(page, 'failed');
  await page.getByTestId('run-summary').getByTestId('retry').click();
  await page.waitForURL((url) => url.pathname.includes('/runs/') && !url.pathname.endsWith(failedRunId));
  await runEnded(page, 'succeeded');
  await expect(page.getByTestId('save-state')).toHaveText(/Saved · v2/);

  await expect(stepNode(page, 'graphql.phase.0.agent')).toHaveAttribute('data-status', 'reused');
  for (const id of ['graphql.phase.0.validator', 'graphql.phase.1.agent', 'graphql.phase.1.validator']) {
    await expect(stepNode(page, id)).toHaveAttribute('data-status', 'succeeded');
  }
  const retryId = /\/runs\/([^/]+)$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
  const events = await runEvents(request, retryId);
  const started = new Set(events.filter((e) => e.type === 'step.started').map((e) => e.stepId));
  expect(started.has('graphql.phase.0.agent')).toBe(false);
  expect(started.has('graphql.phase.0.validator')).toBe(true);
  expect(started.has('graphql.phase.1.agent')).toBe(true);
  expect((await runDetail(request, retryId)).status).toBe('succeeded');
});

test('a run reopened after the document was edited is drawn from the YAML that ran', async ({
  page,
  request,
}) => {
  const record = await createOrchestration(request, readExample('full/1-parallel-independent.baton.yaml'));
  await page.goto(`/o/${record.id}`);
  const runId = await pressRun(page, 10);
  await runEnded(page, 'succeeded');

  // Insert a task before the others: every task id of the edited document shifts by one.
  await page.getByTestId('back-to-editing').click();
  const text = await yamlText(page);
  const inserted = text.replace(
    '    tasks:\n',
    '    tasks:\n      - agent: comment-cleaner\n        task: Tidy the comments first\n',
  );
  expect(inserted).not.toBe(text);
  await typeYaml(page, inserted);
  await expect(page.locator('[data-stage-id="profile"] .block-meta')).toContainText('3 steps');
  await page.getByTestId('fit').click();
  await expect(page.locator('.react-flow__node [data-step-id="profile.task.2"]')).toBeVisible();
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-state')).toHaveText(/Saved · v2/);

  await page.goto(`/o/${record.id}/runs/${runId}`);
  await runEnded(page, 'succeeded');
  await expect(page.getByTestId('run-changed')).toBeVisible();
  const detail = await runDetail(request, runId);
  const expected = Object.fromEntries(Object.entries(detail.steps).map(([id, s]) => [id, s.status]));
  expect(await nodeStatuses(page)).toEqual(expected);
  await expect(stepNode(page, 'profile.task.0')).toContainText('fastapi-backend-expert');
  await expect(stepNode(page, 'profile.task.2')).toHaveCount(0);
});
