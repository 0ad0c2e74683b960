import { expect, type Page, test } from '@playwright/test';
import { canvasPane, dragFromPalette, openNewEditor, viewportSettled } from './support/editor';

type Box = { x: number; y: number; width: number; height: number };

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The block is wholly inside the canvas and clear of what is drawn over it. */
async function expectFullyInView(page: Page, stageId: string) {
  await viewportSettled(page);
  const block = (await page.locator(`[data-stage-id="${stageId}"]`).boundingBox()) as Box;
  const canvas = (await page.getByTestId('canvas').boundingBox()) as Box;
  expect(block.x).toBeGreaterThanOrEqual(canvas.x);
  expect(block.y).toBeGreaterThanOrEqual(canvas.y);
  expect(block.x + block.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  expect(block.y + block.height).toBeLessThanOrEqual(canvas.y + canvas.height);
  for (const overlay of ['.block-minimap', '.react-flow__controls', '.estimate-panel']) {
    const box = (await page.locator(overlay).boundingBox()) as Box;
    expect(overlaps(block, box), `${stageId} under ${overlay}`).toBe(false);
  }
}

const newStageId = async (page: Page, before: string[]) => {
  await expect(page.locator('[data-stage-id]')).toHaveCount(before.length + 1);
  const ids = await page
    .locator('[data-stage-id]')
    .evaluateAll((els) => els.map((e) => e.dataset.stageId ?? ''));
  return ids.find((id) => !before.includes(id)) as string;
};

for (const width of [1280, 1440]) {
  test(`at ${width} px a block dropped near an edge or the minimap lands wholly in view`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await openNewEditor(page);
    const pane = (await canvasPane(page).boundingBox()) as Box;
    const ids: string[] = [];
    // The largest block (Parallel with Sync Points), dropped at each corner: under the minimap
    // bottom right, past the side panel's edge, under the controls, under the estimate bar.
    const corners = [
      { x: pane.width - 20, y: pane.height - 20 },
      { x: pane.width - 10, y: 200 },
      { x: 30, y: pane.height - 15 },
      { x: 60, y: 10 },
    ];
    for (const at of corners) {
      await dragFromPalette(page, 'palette-pattern-parallel_with_sync', canvasPane(page), at);
      const id = await newStageId(page, ids);
      ids.push(id);
      await expectFullyInView(page, id);
    }
    // An agent dropped on empty canvas near the right edge starts a block: in view too.
    await dragFromPalette(page, 'palette-agent-fastapi-backend-expert', canvasPane(page), {
      x: pane.width - 5,
      y: pane.height / 2,
    });
    const id = await newStageId(page, ids);
    await expectFullyInView(page, id);
    await page.getByTestId('undo').click();
    await expect(page.locator('[data-stage-id]')).toHaveCount(ids.length);
  });
}

test('a block dropped where it fits stays at the drop point', async ({ page }) => {
  await openNewEditor(page);
  await dragFromPalette(page, 'palette-pattern-sequential_handoff', canvasPane(page), { x: 200, y: 150 });
  const pane = (await canvasPane(page).boundingBox()) as Box;
  const block = (await page.locator('[data-stage-id]').boundingBox()) as Box;
  // The pointer is on the block's header, near its top-left: it was not moved away.
  const pointer = { x: pane.x + 200, y: pane.y + 150 };
  expect(pointer.x - block.x).toBeGreaterThan(0);
  expect(pointer.x - block.x).toBeLessThan(60);
  expect(pointer.y - block.y).toBeGreaterThan(0);
  expect(pointer.y - block.y).toBeLessThan(40);
});
