import { parse } from '@baton/core';
import { expect, test } from '@playwright/test';
import { createOrchestration, getOrchestration } from './support/api';
import { canvasPane, dragFromPalette, openNewEditor, readExample, yamlText } from './support/editor';

test('a reload brings back unsaved changes to a stored orchestration', async ({ page, request }) => {
  const record = await createOrchestration(request, readExample('full-stack-feature.baton.yaml'));
  await page.goto(`/o/${record.id}`);
  await expect(page.locator('[data-step-id]')).toHaveCount(6);
  await expect(page.getByTestId('save-state')).toHaveText(`Saved · v${record.version}`);

  // An unsaved edit: a third task in the build block.
  await dragFromPalette(page, 'palette-agent-pytest-test-master', page.getByTestId('slot-build-task'));
  await expect(page.locator('[data-step-id="build.task.2"]')).toContainText('pytest-test-master');
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');

  await page.reload();
  await expect(page.getByTestId('restored-banner')).toBeVisible();
  await expect(page.locator('[data-step-id]')).toHaveCount(7);
  await expect(page.locator('[data-step-id="build.task.2"]')).toContainText('pytest-test-master');
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  // The comments of the file survive in the restored draft.
  const yaml = await yamlText(page);
  expect(yaml).toContain('# The seed\'s "Pattern Combinations" example');
  expect(yaml).toContain('agent: pytest-test-master');
  // The server still holds the saved version until Save.
  const stored = parse((await getOrchestration(request, record.id)).yaml).document;
  const build = stored?.stages[0] as { id: string; tasks: unknown[] } | undefined;
  expect(build?.id).toBe('build');
  expect(build?.tasks).toHaveLength(2);

  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-state')).toHaveText(`Saved · v${record.version + 1}`);
  await page.reload();
  await expect(page.getByTestId('restored-banner')).toHaveCount(0);
  await expect(page.locator('[data-step-id]')).toHaveCount(7);
});

test('a reload brings back a new, never saved orchestration; Discard drops it', async ({ page }) => {
  await openNewEditor(page);
  await dragFromPalette(page, 'palette-pattern-fan_out_fan_in', canvasPane(page), { x: 220, y: 160 });
  await dragFromPalette(
    page,
    'palette-agent-fastapi-backend-expert',
    page.getByTestId('slot-fan_out_fan_in-1-fanout'),
  );
  await expect(page.locator('[data-step-id="fan_out_fan_in-1.fanout.0"]')).toContainText(
    'fastapi-backend-expert',
  );

  await page.reload();
  await expect(page.getByTestId('restored-banner')).toBeVisible();
  await expect(page.locator('[data-step-id="fan_out_fan_in-1.fanout.0"]')).toContainText(
    'fastapi-backend-expert',
  );
  await expect(page.locator('[data-step-id="fan_out_fan_in-1.fanin"]')).toBeVisible();

  await page.getByTestId('discard-draft').click();
  await expect(page.getByTestId('empty-canvas')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('empty-canvas')).toBeVisible();
  await expect(page.getByTestId('restored-banner')).toHaveCount(0);
});
