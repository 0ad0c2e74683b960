import { parse } from '@baton/core';
import { expect, test } from '@playwright/test';
import {
  canvasPane,
  dragFromPalette,
  examplePath,
  importFile,
  openNewEditor,
  openTab,
  yamlText,
} from './support/editor';

test('the Inspector edits a block’s keys with inline validation', async ({ page }) => {
  await openNewEditor(page);
  await dragFromPalette(page, 'palette-pattern-parallel_independent', canvasPane(page), { x: 150, y: 120 });
  await openTab(page, 'inspector');
  const inspector = page.getByTestId('stage-inspector');
  await expect(inspector).toContainText('Parallel Independent');

  const limit = inspector.locator('[data-field="max_concurrent"] input');
  await limit.fill('0');
  await expect(inspector.locator('[data-field="max_concurrent"]').getByTestId('field-issue')).toHaveText(
    'max_concurrent must be at least 1',
  );
  expect(await yamlText(page)).toContain('max_concurrent: 0');
  await expect(page.getByTestId('yaml-status')).toContainText('1 error');

  await openTab(page, 'inspector');
  await limit.fill('3');
  await expect(inspector.locator('[data-field="max_concurrent"]').getByTestId('field-issue')).toHaveCount(0);
  expect(parse(await yamlText(page)).document?.stages[0]).toMatchObject({ max_concurrent: 3 });

  // One undo step for one field's typing.
  await openTab(page, 'inspector');
  await inspector.locator('[data-field="name"] input').pressSequentially('Build both sides');
  expect(parse(await yamlText(page)).document?.stages[0]?.name).toBe('Build both sides');
  await page.getByTestId('undo').click();
  expect(parse(await yamlText(page)).document?.stages[0]?.name).toBeUndefined();
});

test('a branch needs a condition; step fields write their keys', async ({ page }) => {
  await openNewEditor(page);
  await importFile(page, examplePath('full/7-conditional-branching.baton.yaml'));
  await page.locator('[data-stage-id="quality"] .block-header').click();
  await openTab(page, 'inspector');
  const condition = page.locator('[data-field="condition"]').first();
  await condition.locator('input').fill('');
  await expect(condition.getByTestId('field-issue')).toHaveText('a branch needs a condition (or "default")');
  await condition.locator('input').fill('default');
  await expect(condition.getByTestId('field-issue')).toHaveCount(0);

  await page.locator('[data-step-id="quality.branch.1"]').click();
  const step = page.getByTestId('step-inspector');
  await expect(step).toContainText('comment-cleaner');
  await step.locator('[data-field="task"] textarea').fill('Tidy the comments only');
  await step.locator('[data-field="agent"] input').fill('general-purpose');
  await expect(page.locator('[data-step-id="quality.branch.1"]')).toContainText('general-purpose');
  const branch = parse(await yamlText(page)).document?.stages[0];
  expect(branch).toMatchObject({
    conditional_logic: {
      branches: [
        { condition: 'default', agent: 'codebase-cleaner' },
        { condition: 'simple_cleanup', agent: 'general-purpose', task: 'Tidy the comments only' },
      ],
    },
  });
  // An unknown agent is flagged on its field.
  await openTab(page, 'inspector');
  await step.locator('[data-field="agent"] input').fill('nobody-agent');
  await expect(step.locator('[data-field="agent"]').getByTestId('field-issue')).toContainText(
    "unknown agent 'nobody-agent'",
  );
});

test('typing a task’s own id renames its node and keeps it selected', async ({ page }) => {
  await openNewEditor(page);
  await importFile(page, examplePath('full/1-parallel-independent.baton.yaml'));
  await page.locator('[data-step-id="profile.task.0"]').click();
  await openTab(page, 'inspector');
  await page.getByTestId('step-inspector').locator('[data-field="id"] input').pressSequentially('api');
  await expect(page.locator('[data-step-id="profile.api"]')).toHaveClass(/is-selected/);
  await expect(page.getByTestId('step-inspector')).toContainText('profile.api');
  expect(parse(await yamlText(page)).document?.stages[0]).toMatchObject({ tasks: [{ id: 'api' }, {}] });
});
