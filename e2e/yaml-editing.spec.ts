import { expect, test } from '@playwright/test';
import { examplePath, importFile, openNewEditor, openTab, yamlText } from './support/editor';

const STAGE = 'primary_with_reviewers-1';

test.beforeEach(async ({ page }) => {
  await openNewEditor(page);
  await importFile(page, examplePath('seed/4-primary-with-reviewers.baton.yaml'));
  await expect(page.locator('[data-step-id]')).toHaveCount(3);
  await openTab(page, 'yaml');
});

test('a valid edit in the YAML tab adds a node; broken YAML shows its line and keeps every node', async ({
  page,
}) => {
  // Add a reviewer by typing a line under the last one.
  await page.locator('.cm-line', { hasText: 'pytest-test-master' }).click();
  await page.keyboard.press('End');
  await page.keyboard.insertText('\n  - "comment-cleaner"');
  const added = page.locator(`[data-step-id="${STAGE}.reviewer.2"]`);
  await expect(added).toBeVisible();
  await expect(added).toContainText('comment-cleaner');
  await expect(page.locator('[data-step-id]')).toHaveCount(4);
  await expect(page.getByTestId('yaml-status')).toHaveText(/Valid · 4 steps/);

  // Break the YAML: an unclosed flow sequence on line 1.
  await page.locator('.cm-line', { hasText: 'primary_agent' }).click();
  await page.keyboard.press('End');
  await page.keyboard.insertText(' [oops');
  const diagnostic = page.getByTestId('yaml-diagnostic').first();
  await expect(diagnostic).toBeVisible();
  await expect(diagnostic).toContainText(/Line \d+:\d+/);
  await expect(page.getByTestId('yaml-status')).toContainText('the canvas shows the last valid version');
  await expect(page.locator('.cm-lint-marker-error').first()).toBeVisible();
  // The canvas keeps every node, as it was before the broken edit.
  await page.waitForTimeout(600);
  await expect(page.locator('[data-step-id]')).toHaveCount(4);
  await expect(page.locator(`[data-step-id="${STAGE}.primary"]`)).toContainText('fastapi-backend-expert');
  await expect(added).toContainText('comment-cleaner');
  expect(await yamlText(page)).toContain('[oops');
});

test('the diagnostic of an unknown agent selects its node; a selected node marks its YAML lines', async ({
  page,
}) => {
  await page.locator('.cm-line', { hasText: 'architecture-guardian' }).click();
  await page.keyboard.press('End');
  // "architecture-guardian" → "architecture-guardians": an agent nobody registered.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.insertText('s');
  const diagnostic = page
    .getByTestId('yaml-diagnostic')
    .filter({ hasText: "unknown agent 'architecture-guardians'" });
  await expect(diagnostic).toContainText('Line 3');
  const node = page.locator(`[data-step-id="${STAGE}.reviewer.0"]`);
  await expect(node).toContainText('architecture-guardians');
  await diagnostic.click();
  await expect(node).toHaveClass(/is-selected/);

  // Selecting the primary on the canvas marks the line it is written on.
  await page.locator(`[data-step-id="${STAGE}.primary"]`).click();
  await expect(page.locator('.cm-selected-node-line')).toHaveCount(1);
  await expect(page.locator('.cm-selected-node-line')).toContainText('primary_agent');
});

test('Save at once after typing in the YAML tab stores what was typed, not the text of a moment before', async ({
  page,
  request,
}) => {
  await page.locator('.cm-line', { hasText: 'pytest-test-master' }).click();
  await page.keyboard.press('End');
  await page.keyboard.insertText('\n  - "comment-cleaner"');
  // No pause for the YAML tab to apply the edit: the save itself must take it.
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-state')).toHaveText(/Saved · v1/);
  const id = new URL(page.url()).pathname.split('/')[2];
  const stored = await (await request.get(`/api/orchestrations/${id}`)).json();
  expect(stored.yaml).toContain('comment-cleaner');
});

test('YAML that does not parse is never saved as the last valid version, and a reload keeps it', async ({
  page,
}) => {
  await page.locator('.cm-line', { hasText: 'pytest-test-master' }).click();
  await page.keyboard.press('End');
  await page.keyboard.insertText('\nbroken: [');
  const typed = await yamlText(page);
  // Save at once: the text on screen is what would be stored, and it does not parse.
  await page.getByTestId('save').click();
  await expect(page.getByTestId('toast-error')).toContainText(/Fix \d+ errors? before saving/);
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await expect(page).toHaveURL(/\/new$/);

  // A reload brings the typed text back as it was; the canvas shows the last valid version.
  await page.reload();
  await expect(page.getByTestId('restored-banner')).toBeVisible();
  await expect.poll(() => yamlText(page)).toBe(typed);
  await expect(page.getByTestId('yaml-status')).toContainText('the canvas shows the last valid version');
  await expect(page.locator('[data-step-id]')).toHaveCount(3);
});
