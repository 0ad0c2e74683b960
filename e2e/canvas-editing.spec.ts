import { parse } from '@baton/core';
import { expect, type Page, test } from '@playwright/test';
import {
  canvasPane,
  dragFromPalette,
  examplePath,
  importFile,
  openNewEditor,
  yamlText,
} from './support/editor';

const box = async (page: Page, selector: string) => {
  const b = await page.locator(selector).boundingBox();
  if (!b) throw new Error(`${selector} is not on screen`);
  return b;
};

/** Drag with the mouse (React Flow listens to pointer events, not HTML5 drag). */
async function mouseDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
  }
  await page.mouse.up();
}

test('connect two blocks: the lower one needs the upper; Delete removes the edge', async ({ page }) => {
  await openNewEditor(page);
  await dragFromPalette(page, 'palette-pattern-parallel_independent', canvasPane(page), { x: 120, y: 80 });
  await dragFromPalette(page, 'palette-pattern-sequential_handoff', canvasPane(page), { x: 120, y: 420 });
  // A second block gives both stages ids; by default the second runs after the first (dashed edge).
  await expect(page.locator('[data-stage-id]')).toHaveCount(2);
  expect(
    await page
      .locator('[data-stage-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-stage-id'))),
  ).toEqual(['parallel', 'handoff']);
  await expect(page.locator('.react-flow__edge.needs-edge.is-implicit')).toHaveCount(1);

  // Start the second one at once, then connect it by hand: an explicit `needs`.
  await page.locator('.react-flow__edge.needs-edge').click({ force: true });
  await expect(page.locator('.react-flow__edge.needs-edge')).toHaveClass(/selected/);
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__edge.needs-edge')).toHaveCount(0);
  expect(parse(await yamlText(page)).document?.stages[1]?.needs).toEqual([]);

  const source = await box(page, '[data-id="stage:parallel"] .react-flow__handle-bottom');
  const target = await box(page, '[data-id="stage:handoff"] .react-flow__handle-top');
  await mouseDrag(
    page,
    { x: source.x + source.width / 2, y: source.y + source.height / 2 },
    { x: target.x + target.width / 2, y: target.y + target.height / 2 },
  );
  await expect(page.locator('.react-flow__edge.needs-edge:not(.is-implicit)')).toHaveCount(1);
  expect(parse(await yamlText(page)).document?.stages[1]?.needs).toEqual(['parallel']);

  // A connection that would close a loop is refused.
  const back = await box(page, '[data-id="stage:handoff"] .react-flow__handle-bottom');
  const top = await box(page, '[data-id="stage:parallel"] .react-flow__handle-top');
  await mouseDrag(
    page,
    { x: back.x + back.width / 2, y: back.y + back.height / 2 },
    { x: top.x + top.width / 2, y: top.y + top.height / 2 },
  );
  expect(parse(await yamlText(page)).document?.stages[0]?.needs).toBeUndefined();
});

test('delete a step and a block with the keyboard; copy and paste a block as YAML', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openNewEditor(page);
  await importFile(page, examplePath('full-stack-feature.baton.yaml'));
  await expect(page.locator('[data-step-id]')).toHaveCount(6);

  await page.locator('[data-step-id="build.task.1"]').click();
  await page.keyboard.press('Delete');
  await expect(page.locator('[data-step-id]')).toHaveCount(5);
  await expect(page.locator('[data-step-id="build.task.1"]')).toHaveCount(0);

  // Copy the review block: the clipboard holds it as YAML.
  await page.locator('[data-stage-id="review"] .block-header').click();
  await page.keyboard.press('ControlOrMeta+c');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(parse(copied).document?.stages).toEqual([
    {
      id: 'review',
      name: 'Architecture check',
      pattern: 'primary_with_reviewers',
      primary_agent: 'fastapi-backend-expert',
      primary_task: 'Integrate backend and frontend',
      reviewer_agents: ['architecture-guardian'],
    },
  ]);
  await page.keyboard.press('ControlOrMeta+v');
  await expect(page.locator('[data-stage-id="review-2"]')).toBeVisible();
  await expect(page.locator('[data-step-id="review-2.primary"]')).toContainText('fastapi-backend-expert');

  // Delete the pasted block.
  await page.locator('[data-stage-id="review-2"] .block-header').click();
  await page.keyboard.press('Backspace');
  await page.keyboard.press('f');
  await expect(page.locator('[data-stage-id]')).toHaveCount(3);
  expect(await yamlText(page)).not.toContain('review-2');
});

test('reorder tasks by dragging a step and with Alt+arrow keys', async ({ page }) => {
  await openNewEditor(page);
  await importFile(page, examplePath('full/1-parallel-independent.baton.yaml'));
  const first = page.locator('[data-step-id="profile.task.0"]');
  const second = page.locator('[data-step-id="profile.task.1"]');
  await expect(first).toContainText('fastapi-backend-expert');
  await expect(second).toContainText('react-frontend-architect');

  const a = await box(page, '[data-step-id="profile.task.0"]');
  const b = await box(page, '[data-step-id="profile.task.1"]');
  await mouseDrag(
    page,
    { x: a.x + a.width / 2, y: a.y + a.height / 2 },
    { x: b.x + b.width / 2 + 10, y: b.y + b.height / 2 },
  );
  await expect(first).toContainText('react-frontend-architect');
  await expect(second).toContainText('fastapi-backend-expert');
  expect(parse(await yamlText(page)).document?.stages[0]).toMatchObject({
    tasks: [{ agent: 'react-frontend-architect' }, { agent: 'fastapi-backend-expert' }],
  });

  await page.locator('[data-step-id="profile.task.1"]').click();
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(first).toContainText('fastapi-backend-expert');
  await expect(first).toHaveClass(/is-selected/);
});

test('auto-layout separates overlapping blocks; block drags snap to the grid; the minimap moves the view', async ({
  page,
}) => {
  await openNewEditor(page);
  await dragFromPalette(page, 'palette-pattern-fan_out_fan_in', canvasPane(page), { x: 150, y: 150 });
  await dragFromPalette(page, 'palette-pattern-sequential_handoff', canvasPane(page), { x: 190, y: 190 });
  const overlap = async () => {
    const [p, q] = await Promise.all([
      box(page, '[data-stage-id="fan"]'),
      box(page, '[data-stage-id="handoff"]'),
    ]);
    return p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
  };
  expect(await overlap()).toBe(true);
  await page.getByTestId('layout').click();
  await expect.poll(overlap).toBe(false);

  const header = await box(page, '[data-stage-id="handoff"] .block-header');
  await mouseDrag(page, { x: header.x + 30, y: header.y + 10 }, { x: header.x + 97, y: header.y + 53 });
  const transform = await page
    .locator('.react-flow__node[data-id="stage:handoff"]')
    .evaluate((e) => (e as HTMLElement).style.transform);
  const [, x, y] = /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(transform) ?? [];
  expect(Number(x) % 16).toBe(0);
  expect(Number(y) % 16).toBe(0);

  const viewport = () =>
    page.locator('.react-flow__viewport').evaluate((e) => (e as HTMLElement).style.transform);
  const before = await viewport();
  const minimap = await box(page, '.block-minimap svg');
  await page.mouse.click(minimap.x + 8, minimap.y + 8);
  await expect.poll(viewport).not.toBe(before);
});
