import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CreateRunRequest } from '@baton/core';
import { expect, type Page, test } from '@playwright/test';
import { createOrchestration } from './support/api';
import { examplePath, importFile, openNewEditor } from './support/editor';
import { runDetail, runEnded, shownRunId, stepNode } from './support/runs';

/**
 * The dry run (issue 9): "Simulate all agents" beside ▶ Run sends `simulate: true`; every step
 * is labelled simulated from the run's own events, real agents included — and a real run of a
 * Claude Code agent is not labelled simulated.
 */

const DIR = join(import.meta.dirname, 'screenshots');
mkdirSync(DIR, { recursive: true });

/** A Claude Code agent of the e2e agents folder (real: `claude`), then a built-in (simulated). */
const CLAUDE_YAML = `version: 1
name: Release notes, dry run
stages:
  - id: notes
    pattern: sequential_handoff
    parallel_execution: false
    tasks:
      - { agent: release-notes-writer, task: Write the release notes }
      - { agent: comment-cleaner, task: Tidy the notes }
`;

/** Tick the dry-run switch, press ▶ Run at a speed; answer the run's id and what was posted. */
async function dryRun(page: Page, speed: number): Promise<{ runId: string; posted: CreateRunRequest }> {
  const simulate = page.getByTestId('run-simulate');
  await simulate.check();
  await expect(simulate).toBeChecked();
  await page.getByTestId('run-speed').selectOption(String(speed));
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/runs'),
    page.getByTestId('run').click(),
  ]);
  await page.waitForURL(/\/runs\//);
  return { runId: shownRunId(page), posted: request.postDataJSON() as CreateRunRequest };
}

const stepSimulatedFlags = (page: Page) =>
  page
    .locator('.react-flow__node [data-step-id]')
    .evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-step-id'), e.getAttribute('data-simulated')])),
    );

test('a dry run of an example: every step is labelled simulated, the banner says dry run', async ({
  page,
  request,
}) => {
  await openNewEditor(page);
  await importFile(page, examplePath('full/7-conditional-branching.baton.yaml'));
  const { runId, posted } = await dryRun(page, 10);
  expect(posted.simulate).toBe(true);
  await expect(page.getByTestId('run-banner')).toHaveAttribute('data-simulate', 'true');
  await expect(page.getByTestId('run-banner')).toContainText('dry run');
  await runEnded(page, 'succeeded');
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-simulate', 'true');
  expect((await runDetail(request, runId)).simulate).toBe(true);
  const flags = await stepSimulatedFlags(page);
  expect(Object.keys(flags).length).toBeGreaterThanOrEqual(3);
  for (const [id, flag] of Object.entries(flags)) expect(flag, id).toBe('true');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(DIR, 'dry-run-finished-light.png') });

  // The switch is remembered for the next run, like the speed.
  await page.getByTestId('back-to-editing').click();
  await expect(page.getByTestId('run-simulate')).toBeChecked();
  await expect(page.getByTestId('run-speed')).toHaveValue('10');
});

test('a Claude Code agent: simulated in a dry run, labelled from the run; a real run is not', async ({
  page,
  request,
}) => {
  const record = await createOrchestration(request, CLAUDE_YAML);
  await page.goto(`/o/${record.id}`);
  const writer = stepNode(page, 'notes.task.0');
  const cleaner = stepNode(page, 'notes.task.1');
  // Design mode: the catalog's guess — the claude agent is real, the built-in simulated.
  await expect(writer).toBeVisible();
  await expect(writer).not.toHaveAttribute('data-simulated', /.*/);
  await expect(cleaner).toHaveAttribute('data-simulated', 'true');
  await expect(cleaner.locator('.step-sim-mark')).toBeVisible();
  await expect(writer.locator('.step-sim-mark')).toHaveCount(0);
  await page.screenshot({ path: join(DIR, 'design-simulated-mark-light.png') });

  const { posted } = await dryRun(page, 10);
  expect(posted.simulate).toBe(true);
  await runEnded(page, 'succeeded');
  await expect(writer).toHaveAttribute('data-simulated', 'true');
  await expect(writer.locator('.run-simulated')).toHaveText('simulated');
  await expect(cleaner).toHaveAttribute('data-simulated', 'true');
  await writer.click();
  await expect(page.getByTestId('step-drawer')).toHaveAttribute('data-step-id', 'notes.task.0');
  await expect(page.getByTestId('step-simulated')).toBeVisible();
  await page.getByTestId('drawer-close').click();

  // The same orchestration for real: no claude here, so its step fails naming the program, and
  // it is not labelled simulated (the run says what ran).
  await page.getByTestId('back-to-editing').click();
  await page.getByTestId('run-simulate').uncheck();
  const [post] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/runs'),
    page.getByTestId('run').click(),
  ]);
  expect((post.postDataJSON() as CreateRunRequest).simulate).toBeUndefined();
  await page.waitForURL(/\/runs\//);
  await runEnded(page, 'failed');
  await expect(page.getByTestId('run-banner')).not.toHaveAttribute('data-simulate', /.*/);
  await expect(writer).toHaveAttribute('data-status', 'failed');
  await expect(writer).not.toHaveAttribute('data-simulated', /.*/);
  await expect(page.getByTestId('run-failed-steps')).toContainText('claude');
});
