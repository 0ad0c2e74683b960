import { parse } from '@baton/core';
import { expect, test } from '@playwright/test';
import {
  canvasPane,
  canvasStepIds,
  dragFromPalette,
  openNewEditor,
  readExample,
  yamlText,
} from './support/editor';

test('drag Primary with Reviewers and three agents: the seed Pattern 4, saved and reloaded', async ({
  page,
}) => {
  await openNewEditor(page);

  await dragFromPalette(page, 'palette-pattern-primary_with_reviewers', canvasPane(page), { x: 200, y: 160 });
  const stage = page.locator('[data-stage-id]');
  await expect(stage).toHaveCount(1);
  const stageId = (await stage.getAttribute('data-stage-id')) as string;

  // The primary slot is the empty primary step; reviewers go to the "+ reviewer" slot.
  await dragFromPalette(
    page,
    'palette-agent-fastapi-backend-expert',
    page.locator(`[data-step-id="${stageId}.primary"]`),
  );
  await dragFromPalette(
    page,
    'palette-agent-architecture-guardian',
    page.getByTestId(`slot-${stageId}-reviewer`),
  );
  await dragFromPalette(
    page,
    'palette-agent-pytest-test-master',
    page.getByTestId(`slot-${stageId}-reviewer`),
  );

  await expect(page.locator(`[data-step-id="${stageId}.reviewer.1"]`)).toContainText('pytest-test-master');
  const expected = readExample('seed/4-primary-with-reviewers.baton.yaml');
  const yaml = await yamlText(page);
  // The seed's snippet, key for key (the seed quotes its strings; the editor need not).
  expect(yaml.replace(/"/g, '').trim()).toBe(
    expected
      .replace(/"/g, '')
      .replace(/\s+#.*$/gm, '')
      .trim(),
  );
  expect(parse(yaml).document).toEqual(parse(expected).document);
  expect(parse(yaml).form).toBe('seed');

  const before = await canvasStepIds(page);
  expect(before).toEqual([`${stageId}.primary`, `${stageId}.reviewer.0`, `${stageId}.reviewer.1`]);

  await page.getByTestId('save').click();
  await expect(page).toHaveURL(/\/o\/[^/]+$/);
  await expect(page.getByTestId('save-state')).toHaveText(/Saved/);

  await page.reload();
  await expect(page.getByTestId('editor')).toBeVisible();
  await expect(page.locator('[data-step-id]')).toHaveCount(3);
  expect(await canvasStepIds(page)).toEqual(before);
  await expect(page.locator(`[data-step-id="${stageId}.primary"]`)).toContainText('fastapi-backend-expert');
  await expect(page.getByTestId('restored-banner')).toHaveCount(0);
  expect(parse(await yamlText(page)).document).toEqual(parse(expected).document);
});
