import { expect, test } from '@playwright/test';
import { canvasPane, dragFromPalette, openNewEditor, openTab, typeYaml, yamlText } from './support/editor';

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

test('undo with invalid YAML typed takes back only the typed text; redo brings it back exactly', async ({
  page,
}) => {
  await openNewEditor(page);
  const undo = page.getByTestId('undo');
  const redo = page.getByTestId('redo');
  const steps = page.locator('[data-step-id]');

  // Canvas edits: a block, then an agent dropped into it.
  await dragFromPalette(page, 'palette-pattern-parallel_independent', canvasPane(page), { x: 200, y: 150 });
  const stageId = (await page.locator('[data-stage-id]').getAttribute('data-stage-id')) as string;
  await dragFromPalette(
    page,
    'palette-agent-fastapi-backend-expert',
    page.getByTestId(`slot-${stageId}-task`),
  );
  await expect(steps).toHaveCount(1);
  const valid = await yamlText(page);

  // Invalid YAML typed after the canvas change: it shows its diagnostic, the canvas keeps the drop.
  await page.getByTestId('yaml-editor').locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\nbroken: [oops');
  await expect(page.getByTestId('yaml-diagnostic').first()).toContainText('YAML syntax');
  const typed = await yamlText(page);
  expect(typed).toContain('broken: [oops');

  // Undo takes back the typed text alone: the drop stays.
  await undo.click();
  await expect.poll(() => yamlText(page)).toBe(valid);
  await expect(steps).toHaveCount(1);
  await expect(page.getByTestId('yaml-diagnostic')).toHaveCount(0);
  // Redo brings the typed text back exactly (and its diagnostic); the canvas is unchanged.
  await redo.click();
  await expect.poll(() => yamlText(page)).toBe(typed);
  await expect(page.getByTestId('yaml-diagnostic').first()).toBeVisible();
  await expect(steps).toHaveCount(1);

  // Undo twice: the text, then the drop, one at a time; redo twice brings both back in order.
  await undo.click();
  await expect.poll(() => yamlText(page)).toBe(valid);
  await expect(steps).toHaveCount(1);
  await undo.click();
  await expect(steps).toHaveCount(0);
  await expect(page.locator('[data-stage-id]')).toHaveCount(1);
  await redo.click();
  await expect(steps).toHaveCount(1);
  await expect.poll(() => yamlText(page)).toBe(valid);
  await redo.click();
  await expect.poll(() => yamlText(page)).toBe(typed);
  await expect(steps).toHaveCount(1);
  await expect(redo).toBeDisabled();

  // Ctrl+Z and Ctrl+Shift+Z inside the YAML editor walk the same history.
  await page.getByTestId('yaml-editor').locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => yamlText(page)).toBe(valid);
  await expect(steps).toHaveCount(1);
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect.poll(() => yamlText(page)).toBe(typed);
  await expect(steps).toHaveCount(1);
});

test('undo at once after typing, before the YAML tab has applied it, still takes back only the text', async ({
  page,
}) => {
  await openNewEditor(page);
  await dragFromPalette(page, 'palette-pattern-parallel_independent', canvasPane(page), { x: 200, y: 150 });
  await expect(page.locator('[data-stage-id]')).toHaveCount(1);
  const valid = await yamlText(page);

  await page.getByTestId('yaml-editor').locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\nbroken: [');
  const typed = await yamlText(page);
  // No pause: Ctrl+Z at once.
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => yamlText(page)).toBe(valid);
  await expect(page.locator('[data-stage-id]')).toHaveCount(1);
  await page.getByTestId('redo').click();
  await expect.poll(() => yamlText(page)).toBe(typed);
  await expect(page.locator('[data-stage-id]')).toHaveCount(1);
});

test('a canvas change while the YAML does not parse keeps the typed text in the history', async ({
  page,
}) => {
  await openNewEditor(page);
  await dragFromPalette(page, 'palette-pattern-parallel_independent', canvasPane(page), { x: 200, y: 150 });
  await expect(page.locator('[data-stage-id]')).toHaveCount(1);

  await typeYaml(page, 'version: 1\nstages: [oops');
  await expect(page.getByTestId('yaml-diagnostic').first()).toBeVisible();
  const typed = await yamlText(page);

  // The canvas still shows the last valid document; a second block dropped beside it.
  await dragFromPalette(page, 'palette-pattern-sequential_handoff', canvasPane(page), { x: 150, y: 420 });
  await expect(page.locator('[data-stage-id]')).toHaveCount(2);
  expect(await yamlText(page)).not.toContain('[oops');

  // Undo takes back the drop and shows the typed text again, as it was.
  await page.getByTestId('undo').click();
  await expect(page.locator('[data-stage-id]')).toHaveCount(1);
  await expect.poll(() => yamlText(page)).toBe(typed);
});
