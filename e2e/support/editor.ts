import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const REPO = join(import.meta.dirname, '..', '..');
export const examplePath = (name: string) => join(REPO, 'examples', name);
export const readExample = (name: string) => readFileSync(examplePath(name), 'utf8');

/** Every example file, as a path relative to `examples/`. */
export const EXAMPLES = [
  ...[
    '1-parallel-independent',
    '2-sequential-handoff',
    '3-parallel-with-sync',
    '4-primary-with-reviewers',
    '5-incremental-validation',
    '6-fan-out-fan-in',
    '7-conditional-branching',
  ].flatMap((n) => [`seed/${n}.baton.yaml`, `full/${n}.baton.yaml`]),
  'full-stack-feature.baton.yaml',
  'large-1000-steps.baton.yaml',
];

/** A fresh, unsaved orchestration in the editor (with no draft left from another test). */
export async function openNewEditor(page: Page) {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/new');
  await expect(page.getByTestId('editor')).toBeVisible();
  await expect(page.getByTestId('empty-canvas')).toBeVisible();
}

/** Import a file through the Import dialog's file picker, and let the view fit it. */
export async function importFile(page: Page, path: string) {
  await page.getByTestId('import').click();
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  await viewportSettled(page);
}

/** Wait until the canvas stops moving (a fit-view glides for a quarter of a second). */
export async function viewportSettled(page: Page) {
  const transform = () =>
    page.locator('.react-flow__viewport').evaluate((e) => (e as HTMLElement).style.transform);
  let last = '';
  for (let i = 0; i < 40; i++) {
    const now = await transform();
    if (now === last) return;
    last = now;
    await page.waitForTimeout(120);
  }
}

/** The YAML tab's text, as CodeMirror holds it. */
export async function yamlText(page: Page): Promise<string> {
  await openTab(page, 'yaml');
  return page
    .getByTestId('yaml-editor')
    .locator('.cm-content')
    .evaluate((el) => {
      const view = (el as HTMLElement & { cmView?: { view: { state: { doc: { toString(): string } } } } })
        .cmView;
      if (view) return view.view.state.doc.toString();
      return Array.from(el.querySelectorAll('.cm-line'))
        .map((l) => l.textContent ?? '')
        .join('\n');
    });
}

export async function openTab(page: Page, tab: 'yaml' | 'inspector' | 'run') {
  const button = page.getByTestId(`tab-${tab}`);
  if ((await button.getAttribute('aria-selected')) !== 'true') await button.click();
}

/** Replace the YAML tab's whole text by typing (select all, then insert). */
export async function typeYaml(page: Page, text: string) {
  await openTab(page, 'yaml');
  const content = page.getByTestId('yaml-editor').locator('.cm-content');
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

/** The step ids the canvas shows, sorted. */
export async function canvasStepIds(page: Page): Promise<string[]> {
  const ids = await page
    .locator('[data-step-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-step-id') ?? ''));
  return ids.sort();
}

export async function canvasStageIds(page: Page): Promise<string[]> {
  const ids = await page
    .locator('[data-stage-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-stage-id') ?? ''));
  return ids.sort();
}

/** Drag a palette item onto a target with a real HTML5 drag. */
export async function dragFromPalette(
  page: Page,
  testId: string,
  target: Locator,
  position?: { x: number; y: number },
) {
  await page.getByTestId(testId).dragTo(target, position ? { targetPosition: position } : undefined);
}

export const canvasPane = (page: Page) => page.locator('.react-flow__pane');
export const block = (page: Page, stageId: string) => page.locator(`[data-stage-id="${stageId}"]`);
