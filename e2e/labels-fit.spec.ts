import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unreadableLabels } from './support/clipping';
import { canvasPane, dragFromPalette, openNewEditor } from './support/editor';

const DIR = join(import.meta.dirname, 'screenshots');
mkdirSync(DIR, { recursive: true });

/**
 * Every pattern's title and hint; every agent's name and runtime badge — but the fixture's
 * 47-character name, which gives way with an ellipsis (its title is the whole name).
 */
const PALETTE_LABELS = [
  '.palette-pattern .palette-item-name',
  '.palette-pattern .palette-item-desc',
  '.palette-agent:not([data-testid="palette-agent-integration-environment-provisioning-specialist"]) .palette-item-label',
  '.palette-agent .agent-kind',
].join(', ');
/** Everything in the toolbar a person reads or presses. */
const TOOLBAR_LABELS =
  '.toolbar .logo, .toolbar .title-input, .toolbar .save-state, .toolbar .btn, .toolbar .btn-icon, .toolbar select, .toolbar .run-simulate';

for (const scheme of ['light', 'dark'] as const) {
  for (const width of [1280, 1440]) {
    test(`palette and toolbar labels are read whole at ${width} px (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 800 });
      await openNewEditor(page);
      // The longest save state: a block dropped, not saved.
      await dragFromPalette(page, 'palette-pattern-parallel_with_sync', canvasPane(page), { x: 200, y: 150 });
      await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
      await page.screenshot({ path: join(DIR, `labels-${width}-${scheme}.png`) });
      expect(await unreadableLabels(page, PALETTE_LABELS)).toEqual([]);
      expect(await unreadableLabels(page, TOOLBAR_LABELS)).toEqual([]);
      // Every agent the palette lists, scrolled to or not, shows its whole name and badge.
      const agents = await page.locator('.palette-agent').count();
      expect(agents).toBeGreaterThan(6);
    });
  }
}
