import type { RunEvent, RunRecord } from '@baton/core';
import { type APIRequestContext, expect, type Page } from '@playwright/test';

export type RunDetail = RunRecord & { yaml: string };

export async function runDetail(request: APIRequestContext, runId: string): Promise<RunDetail> {
  const response = await request.get(`/api/runs/${runId}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as RunDetail;
}

/** A finished run's whole log, read from its SSE stream (which replays it, then closes). */
export async function runEvents(request: APIRequestContext, runId: string): Promise<RunEvent[]> {
  const response = await request.get(`/api/runs/${runId}/events`);
  expect(response.ok()).toBe(true);
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: {') && line.includes('"seq"'))
    .map((line) => JSON.parse(line.slice(6)) as RunEvent);
}

/** The run the address shows: `/o/:id/runs/:runId`. */
export function shownRunId(page: Page): string {
  const match = /\/runs\/([^/?#]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`no run in the address ${page.url()}`);
  return decodeURIComponent(match[1]);
}

/** Press ▶ Run (at a speed) and wait for the run's address. */
export async function pressRun(page: Page, speed = 1): Promise<string> {
  await page.getByTestId('run-speed').selectOption(String(speed));
  await page.getByTestId('run').click();
  await page.waitForURL(/\/runs\//);
  await expect(page.getByTestId('run-banner')).toBeVisible();
  return shownRunId(page);
}

/** Wait until the run shown has ended, as its summary says. */
export async function runEnded(page: Page, status: 'succeeded' | 'failed' | 'cancelled', timeout = 30_000) {
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', status, { timeout });
}

/** Every step node's `data-status`, by step id. */
export async function nodeStatuses(page: Page): Promise<Record<string, string>> {
  const pairs = await page
    .locator('.react-flow__node [data-step-id]')
    .evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-step-id') ?? '', e.getAttribute('data-status') ?? '']),
    );
  return Object.fromEntries(pairs);
}

export const stepNode = (page: Page, stepId: string) =>
  page.locator(`.react-flow__node [data-step-id="${stepId}"]`);

/** A sequential chain of `tasks` simulated steps of `duration` each: a run long enough to act during. */
export function chainYaml(name: string, tasks: number, duration: string): string {
  const lines = Array.from({ length: tasks }, (_, i) => `      - { agent: step, task: t${i} }`);
  return `version: 1
name: ${name}
agents:
  step: { runtime: { kind: simulated, duration: ${duration} } }
stages:
  - id: chain
    pattern: sequential_handoff
    parallel_execution: false
    tasks:
${lines.join('\n')}
`;
}
