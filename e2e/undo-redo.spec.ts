import { expect, test } from '@playwright/test';
import { canvasPane, dragFromPalette, openNewEditor, openTab, yamlText } from './support/editor';

test('undo and redo walk back and forth across canvas and YAML edits', async ({ page }) => {
  await openNewEditor(page);
  const undo = page.getByTestId('undo');
  const redo = page.getByTestId('redo');
  await expect(undo).toBeDisabled();

  // Canvas edits: a block, then an agent dropped into it.
  await dragFromPalette(page, 'palette-pattern-parallel_independent', canvasPane(page), { x: 200, y: 150 });
  const stageId = (await page.locator('[data-stage-id]').getAttribute('data-stage-id')) as string;
  await dragFromPalette(
    page,
    'palette-agent-fastapi-backend-expert',
    page.getByTestId(`slot-${stageId}-task`),
  );
  const task = page.locator(`[data-step-id="${stageId}.task.0"]`);
  await expect(task).toContainText('fastapi-backend-expert');

  // A YAML edit: the task's agent changed by typing.
  await openTab(page, 'yaml');
  await page.locator('.cm-line', { hasText: 'fastapi-backend-expert' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.insertText('  - agent: react-frontend-architect');
  await expect(task).toContainText('react-frontend-architect');
  expect(await yamlText(page)).toContain('react-frontend-architect');

  // Undo the YAML edit, then the drop, then the block.
  await undo.click();
  await expect(task).toContainText('fastapi-backend-expert');
  expect(await yamlText(page)).not.toContain('react-frontend-architect');
  await undo.click();
  await expect(page.locator('[data-step-id]')).toHaveCount(0);
  await expect(page.locator('[data-stage-id]')).toHaveCount(1);
  await undo.click();
  await expect(page.locator('[data-stage-id]')).toHaveCount(0);
  await expect(page.getByTestId('empty-canvas')).toBeVisible();
  await expect(undo).toBeDisabled();

  // Redo all three: keyboard on the canvas, then the button.
  await canvasPane(page).click({ position: { x: 20, y: 300 } });
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(page.locator('[data-stage-id]')).toHaveCount(1);
  await page.keyboard.press('ControlOrMeta+y');
  await expect(task).toContainText('fastapi-backend-expert');
  await redo.click();
  await expect(task).toContainText('react-frontend-architect');
  await expect(redo).toBeDisabled();
  expect(await yamlText(page)).toContain('agent: react-frontend-architect');

  // Ctrl+Z inside the YAML editor is the same history.
  await page.getByTestId('yaml-editor').locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(task).toContainText('fastapi-backend-expert');
});
