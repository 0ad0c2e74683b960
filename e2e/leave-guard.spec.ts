import { expect, test } from '@playwright/test';
import { createOrchestration } from './support/api';
import { canvasPane, dragFromPalette, openNewEditor, readExample } from './support/editor';

test('leaving the editor with unsaved changes asks first; Stay keeps them, Leave goes', async ({ page }) => {
  await openNewEditor(page);
  // Nothing unsaved: the logo goes to the list at once.
  await page.locator('.toolbar .logo').click();
  await expect(page.getByTestId('list-page')).toBeVisible();
  await page.getByTestId('new').click();
  await expect(page.getByTestId('empty-canvas')).toBeVisible();

  await dragFromPalette(page, 'palette-pattern-parallel_independent', canvasPane(page), { x: 220, y: 160 });
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await page.locator('.toolbar .logo').click();
  const dialog = page.getByTestId('leave-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Your changes are not saved on the server');
  await page.getByTestId('leave-stay').click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/new$/);
  await expect(page.locator('[data-stage-id]')).toHaveCount(1);

  // Back in the browser's history asks too.
  await page.evaluate(() => history.back());
  await expect(dialog).toBeVisible();
  await page.getByTestId('leave-stay').click();
  await expect(page).toHaveURL(/\/new$/);
  await expect(page.locator('[data-stage-id]')).toHaveCount(1);

  await page.locator('.toolbar .logo').click();
  await page.getByTestId('leave-confirm').click();
  await expect(page.getByTestId('list-page')).toBeVisible();
});

test('a stored orchestration with unsaved changes asks before leaving; once saved it does not', async ({
  page,
  request,
}) => {
  const record = await createOrchestration(request, readExample('full-stack-feature.baton.yaml'));
  await page.goto(`/o/${record.id}`);
  await expect(page.locator('[data-step-id]')).toHaveCount(6);
  await dragFromPalette(page, 'palette-agent-pytest-test-master', page.getByTestId('slot-build-task'));
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await page.locator('.toolbar .logo').click();
  await expect(page.getByTestId('leave-dialog')).toContainText(
    'opening this orchestration again brings them back',
  );
  await page.getByTestId('leave-stay').click();

  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-state')).toHaveText(`Saved · v${record.version + 1}`);
  await page.locator('.toolbar .logo').click();
  await expect(page.getByTestId('list-page')).toBeVisible();
  await expect(page.getByTestId('leave-dialog')).toHaveCount(0);
});

test('closing or reloading the page with unsaved changes asks the browser’s question', async ({ page }) => {
  await openNewEditor(page);
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.type());
    void d.dismiss();
  });
  await dragFromPalette(page, 'palette-pattern-parallel_independent', canvasPane(page), { x: 220, y: 160 });
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  // The question, dismissed: the page stays, with its changes.
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);
  await expect(page.locator('[data-stage-id]')).toHaveCount(1);
});

test('a page with nothing unsaved closes without a question', async ({ page }) => {
  await openNewEditor(page);
  await page.locator('.toolbar .logo').click();
  await page.getByTestId('new').click();
  await expect(page.getByTestId('empty-canvas')).toBeVisible();
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.type());
    void d.dismiss();
  });
  await page.getByTestId('canvas').click();
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(asked).toEqual([]);
});
