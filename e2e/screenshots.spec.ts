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
