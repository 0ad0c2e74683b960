import { readFileSync } from 'node:fs';
import { parse, validate } from '@baton/core';
import { expect, test } from '@playwright/test';
import {
  canvasStageIds,
  canvasStepIds,
  EXAMPLES,
  examplePath,
  importFile,
  openNewEditor,
} from './support/editor';

/** Each step node's block: the one its `data-stage` names, and it lies inside that block's box. */
async function stepsOutsideTheirBlock(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes = new Map<string, DOMRect>();
    for (const el of document.querySelectorAll('[data-stage-id]')) {
      boxes.set(el.getAttribute('data-stage-id') ?? '', el.getBoundingClientRect());
    }
    const outside: string[] = [];
    for (const el of document.querySelectorAll('[data-step-id]')) {
      const box = boxes.get(el.getAttribute('data-stage') ?? '');
      const r = el.getBoundingClientRect();
      const inside =
        box &&
        r.left >= box.left - 1 &&
        r.right <= box.right + 1 &&
        r.top >= box.top - 1 &&
        r.bottom <= box.bottom + 1;
      if (!inside) outside.push(el.getAttribute('data-step-id') ?? '');
    }
    return outside;
  });
}

for (const example of EXAMPLES) {
  test(`import ${example}: one node per plan step inside one block per stage; export parses back`, async ({
    page,
  }) => {
    test.setTimeout(example.startsWith('large') ? 120_000 : 30_000);
    const text = readFileSync(examplePath(example), 'utf8');
    const expected = validate(text);
    expect(expected.plan).not.toBeNull();
    const plan = expected.plan as NonNullable<typeof expected.plan>;

    await openNewEditor(page);
    await importFile(page, examplePath(example));

    await expect(page.locator('[data-stage-id]')).toHaveCount(plan.stages.length);
    await expect(page.locator('[data-step-id]')).toHaveCount(plan.steps.length);
    expect(await canvasStepIds(page)).toEqual(plan.steps.map((s) => s.id).sort());
    expect(await canvasStageIds(page)).toEqual(plan.stages.map((s) => s.id).sort());
    // Every step says which block it belongs to, and is drawn inside it.
    const stageOfStep = await page
      .locator('[data-step-id]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-step-id'), e.getAttribute('data-stage')]));
    for (const [stepId, stageId] of stageOfStep) {
      expect(plan.steps.find((s) => s.id === stepId)?.stageId).toBe(stageId);
    }
    expect(await stepsOutsideTheirBlock(page)).toEqual([]);
    await expect(page.locator('[data-step-id][data-status="idle"]')).toHaveCount(plan.steps.length);

    // Export in full form: the file parses to the very same model.
    await page.getByTestId('export').click();
    const [full] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-full').click(),
    ]);
    const fullText = readFileSync(await full.path(), 'utf8');
    expect(parse(fullText).document).toEqual(expected.document);

    if (expected.form === 'seed') {
      // A seed file exported to seed form without edits is the same text.
      await page.getByTestId('export').click();
      const [seed] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-seed').click(),
      ]);
      expect(readFileSync(await seed.path(), 'utf8')).toBe(text);
    } else {
      // A full file exported unchanged keeps its comments and layout: the same text.
      expect(fullText).toBe(text);
    }
  });
}
