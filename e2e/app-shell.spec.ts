import { expect, test } from '@playwright/test';
import { createOrchestration } from './support/api';
import { examplePath, importFile, openNewEditor, readExample } from './support/editor';

test('the list: empty state, then stored orchestrations open in the editor', async ({ page, request }) => {
  await page.route('**/api/orchestrations', (route) =>
    route.request().method() === 'GET' ? route.fulfill({ json: { orchestrations: [] } }) : route.continue(),
  );
  await page.goto('/');
  await expect(page.getByTestId('empty-list')).toContainText('No orchestrations yet');
  await page.unroute('**/api/orchestrations');

  const record = await createOrchestration(request, readExample('full/5-incremental-validation.baton.yaml'));
  await page.goto('/');
  const row = page.getByTestId('list-row').filter({ hasText: 'GraphQL migration' }).first();
  await expect(row).toContainText('4');
  await row.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/o/${record.id}$`));
  await expect(page.locator('[data-step-id]')).toHaveCount(4);
  await expect(page.getByTestId('save-state')).toHaveText('Saved · v1');

  await page.goto('/o/no-such-orchestration');
  await expect(page.getByTestId('editor-status')).toContainText('No orchestration here');
});

test('the estimate and the critical path; readable at 1280×800 with nothing cut off', async ({ page }) => {
  await openNewEditor(page);
  await expect(page.getByTestId('empty-canvas')).toContainText('Drag a pattern here');
  await importFile(page, examplePath('full-stack-feature.baton.yaml'));
  await expect(page.getByTestId('estimate-makespan')).toHaveText('12.5s');
  await expect(page.getByTestId('estimate-critical')).toHaveText('5 steps · 12.5s');
  await expect(page.locator('[data-step-id][data-critical="true"]')).toHaveCount(5);
  await expect(page.locator('[data-step-id="build.task.1"]')).not.toHaveAttribute('data-critical', 'true');
  await expect(page.locator('.react-flow__edge.is-critical')).toHaveCount(4);

  const overflow = await page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));
  expect(overflow).toEqual({ x: 0, y: 0 });
  for (const id of ['undo', 'redo', 'layout', 'import', 'export', 'run', 'save']) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box && box.x + box.width <= 1280 && box.y + box.height <= 800).toBe(true);
  }

  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-dialog')).toContainText('Undo');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-dialog')).toBeHidden();
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });
  test('follows the system: dark surfaces, light text', async ({ page }) => {
    await openNewEditor(page);
    const colours = await page.evaluate(() => {
      const bg = getComputedStyle(document.body).backgroundColor;
      const fg = getComputedStyle(document.body).color;
      const luminance = (c: string) => {
        const [r, g, b] = (c.match(/\d+/g) ?? []).map(Number);
        return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
      };
      return { background: luminance(bg), text: luminance(fg) };
    });
    expect(colours.background).toBeLessThan(40);
    expect(colours.text).toBeGreaterThan(200);
    await expect(page.locator('.react-flow')).toHaveClass(/dark/);
  });
});
