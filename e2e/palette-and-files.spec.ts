import { readFileSync } from 'node:fs';
import { parse } from '@baton/core';
import { expect, test } from '@playwright/test';
import { examplePath, importFile, openNewEditor, readExample } from './support/editor';

test('the palette: search agents; Enter adds a pattern block', async ({ page }) => {
  await openNewEditor(page);
  await expect(page.locator('[data-testid^="palette-pattern-"]')).toHaveCount(7);
  await expect(page.locator('[data-testid^="palette-pattern-"] svg.pattern-glyph')).toHaveCount(7);
  await page.getByTestId('palette-search').fill('pytest');
  await expect(page.locator('[data-testid^="palette-agent-"]')).toHaveCount(1);
  await expect(page.getByTestId('palette-agent-pytest-test-master')).toContainText('coverage');
  await page.getByTestId('palette-search').fill('review');
  await expect(page.getByTestId('palette-agent-architecture-guardian')).toBeVisible();

  await page.getByTestId('palette-pattern-incremental_validation').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-stage-id="incremental_validation-1"]')).toBeVisible();
  await page.getByTestId('palette-agent-architecture-guardian').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-step-id="incremental_validation-1.phase.0.agent"]')).toContainText(
    'architecture-guardian',
  );
});

test('import by pasting YAML, by dropping a file on the canvas; export Mermaid and seed form', async ({
  page,
}) => {
  await openNewEditor(page);
  await page.getByTestId('import').click();
  await page.getByTestId('import-text').fill(readExample('seed/6-fan-out-fan-in.baton.yaml'));
  await page.getByTestId('import-confirm').click();
  await expect(page.locator('[data-step-id]')).toHaveCount(4);
  await expect(page.locator('[data-step-id="fan_out_fan_in-1.fanin"]')).toContainText('pytest-test-master');

  // Broken pasted YAML is refused with its line; the canvas stays.
  await page.getByTestId('import').click();
  await page.getByTestId('import-text').fill('stages:\n  - pattern: nonsense\n');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-dialog')).toContainText('pasted:2:');
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-step-id]')).toHaveCount(4);

  // Drop a file onto the canvas.
  const text = readExample('full-stack-feature.baton.yaml');
  await page.getByTestId('canvas').evaluate((canvas, content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'feature.baton.yaml', { type: 'application/yaml' }));
    const at = canvas.getBoundingClientRect();
    const init = {
      dataTransfer: data,
      bubbles: true,
      cancelable: true,
      clientX: at.x + 200,
      clientY: at.y + 200,
    };
    canvas.dispatchEvent(new DragEvent('dragover', init));
    canvas.dispatchEvent(new DragEvent('drop', init));
  }, text);
  await expect(page.locator('[data-stage-id]')).toHaveCount(3);
  await expect(page.locator('[data-step-id]')).toHaveCount(6);

  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-seed')).toBeDisabled();
  const [mermaid] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-mermaid').click(),
  ]);
  expect(mermaid.suggestedFilename()).toBe('full-stack-feature-with-quality-checks.mmd');
  const chart = readFileSync(await mermaid.path(), 'utf8');
  expect(chart).toContain('flowchart TD');
  expect(chart).toContain('review_primary');

  // Undo the file drop: the pasted fan-out comes back; its seed export is the same file.
  await page.getByTestId('undo').click();
  await expect(page.locator('[data-step-id]')).toHaveCount(4);
  await page.getByTestId('export').click();
  const [seed] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-seed').click()]);
  expect(readFileSync(await seed.path(), 'utf8')).toBe(readExample('seed/6-fan-out-fan-in.baton.yaml'));
  expect(parse(readFileSync(await seed.path(), 'utf8')).form).toBe('seed');
  await importFile(page, examplePath('seed/7-conditional-branching.baton.yaml'));
  await expect(page.locator('[data-step-id]')).toHaveCount(3);
});
