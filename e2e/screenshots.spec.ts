import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createOrchestration } from './support/api';
import { EXAMPLES, examplePath, importFile, openNewEditor, openTab, readExample } from './support/editor';

/**
 * Screenshots of the editor with every example, in the light and the dark theme, saved for review
 * under e2e/screenshots/ (git-ignored). They assert only that the editor shows the example.
 */
const DIR = join(import.meta.dirname, 'screenshots');
mkdirSync(DIR, { recursive: true });

const shotName = (example: string, scheme: string) =>
  `${example.replace(/\.baton\.yaml$/, '').replace(/\//g, '-')}-${scheme}.png`;

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test(`empty editor and list (${scheme})`, async ({ page, request }) => {
      await openNewEditor(page);
      await page.screenshot({ path: join(DIR, `empty-editor-${scheme}.png`) });
      for (const example of ['full-stack-feature.baton.yaml', 'seed/4-primary-with-reviewers.baton.yaml']) {
        await createOrchestration(request, readExample(example));
      }
      await page.goto('/');
      await expect(page.getByTestId('list-page')).toBeVisible();
      await page.screenshot({ path: join(DIR, `list-${scheme}.png`) });
    });

    for (const example of EXAMPLES) {
      test(`${example} (${scheme})`, async ({ page }) => {
        test.setTimeout(90_000);
        await openNewEditor(page);
        await importFile(page, examplePath(example));
        await expect(page.locator('[data-stage-id]').first()).toBeVisible();
        // Let the fit-view animation settle, and the import notice go, before the picture.
        await page.locator('.toast-close').evaluateAll((buttons) => {
          for (const b of buttons) (b as HTMLButtonElement).click();
        });
        await page.waitForTimeout(700);
        await page.screenshot({ path: join(DIR, shotName(example, scheme)) });
      });
    }

    test(`a selected step with the Inspector (${scheme})`, async ({ page }) => {
      await openNewEditor(page);
      await importFile(page, examplePath('full-stack-feature.baton.yaml'));
      await page.locator('[data-step-id="review.primary"]').click();
      await openTab(page, 'inspector');
      await expect(page.getByTestId('step-inspector')).toBeVisible();
      await page.locator('.toast-close').evaluateAll((buttons) => {
        for (const b of buttons) (b as HTMLButtonElement).click();
      });
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(DIR, `inspector-step-${scheme}.png`) });
      await page.locator('[data-stage-id="build"] .block-header').click();
      await expect(page.getByTestId('stage-inspector')).toBeVisible();
      await page.screenshot({ path: join(DIR, `inspector-stage-${scheme}.png`) });
    });
  });
}

/** The run view: a run in progress, a failed run with the drawer open, and a replay. */
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`run view, ${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test(`a run in progress, a failed run with its drawer, a replay (${scheme})`, async ({
      page,
      request,
    }) => {
      test.setTimeout(90_000);
      const closeToasts = () =>
        page.locator('.toast-close').evaluateAll((buttons) => {
          for (const b of buttons) (b as HTMLButtonElement).click();
        });
      const full = await createOrchestration(request, readExample('full-stack-feature.baton.yaml'));
      await page.goto(`/o/${full.id}`);
      await page.getByTestId('run-speed').selectOption('2');
      await page.getByTestId('run').click();
      await page.waitForURL(/\/runs\//);
      await expect(page.locator('[data-status="running"]').first()).toBeVisible();
      await expect(page.locator('.react-flow__node [data-status="succeeded"]').first()).toBeVisible({
        timeout: 20_000,
      });
      await closeToasts();
      await page.screenshot({ path: join(DIR, `run-in-progress-${scheme}.png`) });
      await page.getByTestId('cancel').click();
      await expect(page.getByTestId('run-summary')).toBeVisible();

      const failing = readExample('full/5-incremental-validation.baton.yaml').replace(
        'stages:\n',
        'agents:\n  pytest-test-master: { runtime: { kind: simulated, duration: 300ms, fail_rate: 1 } }\nstages:\n',
      );
      const failed = await createOrchestration(request, failing);
      await page.goto(`/o/${failed.id}`);
      await page.getByTestId('run-speed').selectOption('10');
      await page.getByTestId('run').click();
      await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'failed', {
        timeout: 30_000,
      });
      await page.locator('.react-flow__node [data-step-id="graphql.phase.0.validator"]').click();
      await expect(page.getByTestId('step-drawer')).toBeVisible();
      await closeToasts();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(DIR, `run-failed-drawer-${scheme}.png`) });

      await page.getByTestId('drawer-close').click();
      const scrubber = page.getByTestId('replay-scrubber');
      await scrubber.focus();
      await page.keyboard.press('Home');
      for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(DIR, `run-replay-${scheme}.png`) });
    });
  });
}
