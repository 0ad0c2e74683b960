import { join } from 'node:path';
import { parse } from '@baton/core';
import { expect, type Page, test } from '@playwright/test';
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

/** Leave the editor for the list by the logo, answering the unsaved-changes question with Leave. */
async function leaveForList(page: Page) {
  await page.locator('.toolbar .logo').click();
  await expect(page.getByTestId('leave-dialog')).toBeVisible();
  await page.getByTestId('leave-confirm').click();
  await expect(page.getByTestId('list-page')).toBeVisible();
}

test('New is new: an unsaved new orchestration is offered beside an empty one, not reopened', async ({
  page,
}) => {
  await openNewEditor(page);
  await dragFromPalette(page, 'palette-pattern-fan_out_fan_in', canvasPane(page), { x: 220, y: 160 });
  await expect(page.locator('[data-stage-id]')).toHaveCount(1);
  await leaveForList(page);

  // New opens an empty orchestration; the unsaved one is offered, not imposed.
  await page.getByTestId('new').click();
  await expect(page.getByTestId('empty-canvas')).toBeVisible();
  await expect(page.locator('[data-stage-id]')).toHaveCount(0);
  await expect(page.getByTestId('restored-banner')).toHaveCount(0);
  const offer = page.getByTestId('offered-draft');
  await expect(offer).toContainText('An untitled orchestration (1 stage)');
  await expect(offer).toContainText('was not saved');
  await expect(page.getByTestId('save-state')).toHaveText('Not saved yet');
  await page.screenshot({
    path: join(import.meta.dirname, 'screenshots', 'new-with-offered-draft-light.png'),
  });

  // Restore brings it back as it was.
  await page.getByTestId('restore-offered-draft').click();
  await expect(page.locator('[data-step-id="fan_out_fan_in-1.fanin"]')).toBeVisible();
  await expect(page.getByTestId('restored-banner')).toBeVisible();
  await expect(offer).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
});

test('restoring an offered draft puts the open unsaved one aside in its place; Discard drops only the one offered', async ({
  page,
}) => {
  await openNewEditor(page);
  await dragFromPalette(page, 'palette-pattern-fan_out_fan_in', canvasPane(page), { x: 220, y: 160 });
  await expect(page.locator('[data-stage-id]')).toHaveCount(1);
  await leaveForList(page);
  await page.getByTestId('new').click();
  await expect(page.getByTestId('offered-draft')).toContainText('(1 stage)');

  // Work on the new one, then restore the older: the new one's work is put aside, and offered.
  await page.getByTestId('title').fill('Second try');
  await dragFromPalette(page, 'palette-pattern-sequential_handoff', canvasPane(page), { x: 220, y: 160 });
  await page.getByTestId('restore-offered-draft').click();
  await expect(page.locator('[data-stage-id="fan_out_fan_in-1"]')).toBeVisible();
  await expect(page.getByTestId('offered-draft')).toContainText('“Second try” (1 stage)');

  // Discard drops the one offered, and only it.
  await page.getByTestId('discard-offered-draft').click();
  await expect(page.getByTestId('offered-draft')).toHaveCount(0);
  await expect(page.locator('[data-stage-id="fan_out_fan_in-1"]')).toBeVisible();
  await page.reload();
  await expect(page.locator('[data-stage-id="fan_out_fan_in-1"]')).toBeVisible();
  await expect(page.getByTestId('offered-draft')).toHaveCount(0);
});
