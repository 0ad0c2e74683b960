import { parse } from '@baton/core';
import { expect, test } from '@playwright/test';
import { createOrchestration, getOrchestration, updateOrchestration } from './support/api';
import { readExample } from './support/editor';

async function openWithUnsavedEdit(page: import('@playwright/test').Page, id: string) {
  await page.goto(`/o/${id}`);
  await expect(page.locator('[data-step-id]')).toHaveCount(3);
  // My edit: a third reviewer.
  await page
    .getByTestId('palette-agent-comment-cleaner')
    .dragTo(page.getByTestId('slot-primary_with_reviewers-1-reviewer'));
  await expect(page.locator('[data-step-id="primary_with_reviewers-1.reviewer.2"]')).toBeVisible();
}

test('a stale save shows the conflict choice; "keep mine as a copy" loses nothing', async ({
  page,
  request,
}) => {
  const seed = readExample('seed/4-primary-with-reviewers.baton.yaml');
  const record = await createOrchestration(request, seed);
  await openWithUnsavedEdit(page, record.id);

  // Meanwhile someone else saves version 2.
  const theirs = seed.replace('parallel_execution: true', 'parallel_execution: false');
  await updateOrchestration(request, record.id, theirs, record.version);

  await page.getByTestId('save').click();
  const dialog = page.getByTestId('conflict-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('version 2');
  // Nothing was overwritten.
  expect((await getOrchestration(request, record.id)).yaml).toBe(theirs);

  await page.getByTestId('conflict-copy').click();
  await expect(page).not.toHaveURL(new RegExp(`/o/${record.id}$`));
  await expect(page).toHaveURL(/\/o\/[^/]+$/);
  const copyId = page.url().split('/o/')[1] as string;
  const copy = await getOrchestration(request, copyId);
  expect(parse(copy.yaml).document?.stages[0]).toMatchObject({
    reviewer_agents: ['architecture-guardian', 'pytest-test-master', 'comment-cleaner'],
    parallel_execution: true,
  });
  expect((await getOrchestration(request, record.id)).yaml).toBe(theirs);
  await expect(page.getByTestId('save-state')).toHaveText('Saved · v1');
});

test('a stale save can reload their version instead', async ({ page, request }) => {
  const seed = readExample('seed/4-primary-with-reviewers.baton.yaml');
  const record = await createOrchestration(request, seed);
  await openWithUnsavedEdit(page, record.id);
  const theirs = seed.replace('"pytest-test-master"', '"codebase-cleaner"');
  await updateOrchestration(request, record.id, theirs, record.version);

  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('conflict-dialog')).toBeVisible();
  await page.getByTestId('conflict-reload').click();
  await expect(page.getByTestId('conflict-dialog')).toBeHidden();
  await expect(page.locator('[data-step-id]')).toHaveCount(3);
  await expect(page.locator('[data-step-id="primary_with_reviewers-1.reviewer.1"]')).toContainText(
    'codebase-cleaner',
  );
  await expect(page.getByTestId('save-state')).toHaveText('Saved · v2');
  await page.reload();
  await expect(page.getByTestId('restored-banner')).toHaveCount(0);
  await expect(page.locator('[data-step-id="primary_with_reviewers-1.reviewer.1"]')).toContainText(
    'codebase-cleaner',
  );
});
