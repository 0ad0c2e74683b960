import { type RunEvent, reduceRun, stepIntervals } from '@baton/core';
import { expect, test } from '@playwright/test';
import { createOrchestration } from './support/api';
import { examplePath, importFile, openNewEditor, readExample } from './support/editor';
import { chainYaml, nodeStatuses, pressRun, runDetail, runEnded, runEvents, stepNode } from './support/runs';

/**
 * Runs started from the editor (docs/design.md §5): ▶ Run saves, starts the run and opens its address;
 * the canvas draws the run's own plan and follows its events.
 */

test('a conditional branch run: the analyzer runs, one branch succeeds, the other is skipped', async ({
  page,
  request,
}) => {
  const record = await createOrchestration(request, readExample('full/7-conditional-branching.baton.yaml'));
  await page.goto(`/o/${record.id}`);
  await expect(page.getByTestId('run')).toBeEnabled();
  const runId = await pressRun(page, 1);

  const analyzer = stepNode(page, 'quality.analyzer');
  await expect(analyzer).toHaveAttribute('data-status', 'running');
  await expect(analyzer).toHaveAttribute('data-status', 'succeeded');
  await runEnded(page, 'succeeded');

  const statuses = await nodeStatuses(page);
  const branches = Object.entries(statuses).filter(([id]) => id.startsWith('quality.branch.'));
  expect(branches).toHaveLength(2);
  expect(branches.filter(([, s]) => s === 'succeeded')).toHaveLength(1);
  expect(branches.filter(([, s]) => s === 'skipped')).toHaveLength(1);
  await expect(page.locator('[data-stage-id="quality"]')).toHaveAttribute('data-status', 'succeeded');
  // The branch taken is marked, the other dimmed; the analyzer is neither.
  const taken = branches.find(([, st]) => st === 'succeeded')?.[0] ?? '';
  const other = branches.find(([, st]) => st === 'skipped')?.[0] ?? '';
  await expect(stepNode(page, taken)).toHaveAttribute('data-branch', 'taken');
  await expect(stepNode(page, other)).toHaveAttribute('data-branch', 'not-taken');
  await expect(analyzer).not.toHaveAttribute('data-branch', /.*/);

  // The timeline has a bar for every step that ran (started at least once).
  const events = await runEvents(request, runId);
  const ran = [...new Set(events.filter((e) => e.type === 'step.started').map((e) => e.stepId))].sort();
  expect(ran).toContain('quality.analyzer');
  const timeline = page.getByTestId('timeline');
  for (const id of ran) await expect(timeline.locator(`[data-step-id="${id}"]`).first()).toBeVisible();
  const bars = await timeline
    .getByTestId('timeline-bar')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-step-id')));
  expect([...new Set(bars)].sort()).toEqual(ran);

  // The list shows each orchestration's last run.
  await page.goto('/');
  // By id: other tests store orchestrations of the same name in this server.
  const row = page.locator(`[data-testid="list-row"][data-id="${record.id}"]`);
  await expect(row.getByTestId('list-last-run')).toHaveAttribute('data-status', 'succeeded');
  await expect(row.getByTestId('list-last-run')).toHaveAttribute('href', `/o/${record.id}/runs/${runId}`);
});

test('▶ Run on an unsaved document saves it first, then runs the stored version', async ({
  page,
  request,
}) => {
  await openNewEditor(page);
  await expect(page.getByTestId('run')).toBeDisabled();
  await importFile(page, examplePath('seed/6-fan-out-fan-in.baton.yaml'));
  await expect(page.getByTestId('save-state')).toHaveText(/Unsaved changes|Not saved yet/);
  const runId = await pressRun(page, 10);
  await runEnded(page, 'succeeded');
  const detail = await runDetail(request, runId);
  const orchestrationId = new URL(page.url()).pathname.split('/')[2];
  expect(detail.orchestrationId).toBe(orchestrationId);
  expect(detail.yaml).toBe(readExample('seed/6-fan-out-fan-in.baton.yaml'));
  await expect(page.getByTestId('save-state')).toHaveText(/Saved · v1/);
});

test('a dropped connection is shown, and the stream resumes after the last event seen', async ({
  page,
  request,
  baseURL,
}) => {
  const record = await createOrchestration(request, chainYaml('A chain whose stream drops', 6, '500ms'));
  // The first stream the page opens is cut after the first events (as a proxy dropping it
  // would); every later one goes to the server, which must be asked to resume after them.
  let cutAfter = 0;
  const resumedAfter: string[] = [];
  await page.route('**/api/runs/*/events*', async (route) => {
    if (cutAfter > 0) {
      const headers = await route.request().allHeaders();
      resumedAfter.push(
        headers['last-event-id'] ?? new URL(route.request().url()).searchParams.get('after') ?? '',
      );
      await route.continue();
      return;
    }
    const firstEvents = await readFirstEvents(`${baseURL}${new URL(route.request().url()).pathname}`, 6);
    cutAfter = firstEvents.at(-1)?.seq ?? 0;
    const body = `retry: 1500\n\n${firstEvents.map((e) => `id: ${e.seq}\ndata: ${JSON.stringify(e)}\n\n`).join('')}`;
    await route.fulfill({ status: 200, contentType: 'text/event-stream', body });
  });
  await page.goto(`/o/${record.id}`);
  const runId = await pressRun(page, 1);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'interrupted');
  await runEnded(page, 'succeeded');
  expect(cutAfter).toBeGreaterThan(0);
  expect(resumedAfter[0]).toBe(String(cutAfter));
  const detail = await runDetail(request, runId);
  const expected = Object.fromEntries(Object.entries(detail.steps).map(([id, st]) => [id, st.status]));
  expect(await nodeStatuses(page)).toEqual(expected);
  // Every event once: nothing skipped, nothing folded twice.
  const events = await runEvents(request, runId);
  await expect(page.getByTestId('replay-scrubber')).toHaveAttribute('aria-valuemax', String(events.length));
});

/** The first `count` events of a live run's stream, read with a plain HTTP client, then let go. */
async function readFirstEvents(url: string, count: number): Promise<RunEvent[]> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events: RunEvent[] = [];
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    const blocks = text.split('\n\n');
    text = blocks.pop() ?? '';
    for (const block of blocks) {
      const data = block.split('\n').find((l) => l.startsWith('data: {'));
      if (data && events.length < count) events.push(JSON.parse(data.slice(6)) as RunEvent);
    }
  }
  controller.abort();
  return events;
}

test('cancel a run: the running steps become cancelled and the run ends cancelled', async ({
  page,
  request,
}) => {
  const yaml = `version: 1
name: Slow parallel work
agents:
  slow: { runtime: { kind: simulated, duration: 60s } }
stages:
  - id: build
    pattern: parallel_independent
    parallel_execution: true
    tasks:
      - { agent: slow, task: one }
      - { agent: slow, task: two }
`;
  const record = await createOrchestration(request, yaml);
  await page.goto(`/o/${record.id}`);
  const runId = await pressRun(page, 1);
  await expect(stepNode(page, 'build.task.0')).toHaveAttribute('data-status', 'running');
  await expect(stepNode(page, 'build.task.1')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('cancel').click();
  await expect(stepNode(page, 'build.task.0')).toHaveAttribute('data-status', 'cancelled');
  await expect(stepNode(page, 'build.task.1')).toHaveAttribute('data-status', 'cancelled');
  await runEnded(page, 'cancelled');
  expect((await runDetail(request, runId)).status).toBe('cancelled');
  await expect(page.getByTestId('cancel')).toBeDisabled();
});

test('a reload in the middle of a run: statuses continue and end as the server says', async ({
  page,
  request,
}) => {
  const record = await createOrchestration(request, chainYaml('A chain to reload during', 8, '700ms'));
  await page.goto(`/o/${record.id}`);
  const runId = await pressRun(page, 1);
  await expect(stepNode(page, 'chain.task.1')).toHaveAttribute('data-status', 'running');
  await page.reload();
  await expect(page.getByTestId('run-banner')).toBeVisible();
  // Reopened mid-run: what finished before the reload shows so, and the rest follows live.
  await expect(stepNode(page, 'chain.task.0')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.locator('.react-flow__node [data-step-id][data-status="running"]')).toHaveCount(1);
  await expect(stepNode(page, 'chain.task.7')).not.toHaveAttribute('data-status', 'succeeded');
  await runEnded(page, 'succeeded');
  const detail = await runDetail(request, runId);
  const expected = Object.fromEntries(Object.entries(detail.steps).map(([id, s]) => [id, s.status]));
  expect(await nodeStatuses(page)).toEqual(expected);
});

test('replay a finished run: at the middle, every node shows reduceRun of the events up to there', async ({
  page,
  request,
}) => {
  const record = await createOrchestration(request, readExample('full/4-primary-with-reviewers.baton.yaml'));
  await page.goto(`/o/${record.id}`);
  const runId = await pressRun(page, 10);
  await runEnded(page, 'succeeded');
  const events = await runEvents(request, runId);

  // Reopened later, the run shows as it ended.
  await page.goto(`/o/${record.id}/runs/${runId}`);
  await runEnded(page, 'succeeded');
  const scrubber = page.getByTestId('replay-scrubber');
  await expect(page.getByRole('slider', { name: /replay position/i })).toHaveAttribute(
    'data-testid',
    'replay-scrubber',
  );
  await expect(scrubber).toHaveAttribute('aria-valuenow', String(events.length));

  const middle = Math.floor(events.length / 2);
  await scrubber.focus();
  await page.keyboard.press('Home');
  await expect(scrubber).toHaveAttribute('aria-valuenow', '0');
  for (let i = 0; i < middle; i++) await page.keyboard.press('ArrowRight');
  await expect(scrubber).toHaveAttribute('aria-valuenow', String(middle));

  const planSteps = Object.keys((await runDetail(request, runId)).steps).length;
  const expectFolded = async (n: number) => {
    const state = reduceRun(events.slice(0, n));
    const statuses = await nodeStatuses(page);
    expect(Object.keys(statuses)).toHaveLength(planSteps); // every node drawn, none skipped unseen
    for (const [id, status] of Object.entries(statuses)) {
      expect(status, `${id} at ${n}`).toBe(state.steps[id]?.status ?? 'idle');
    }
    // The timeline at the position: one bar per attempt begun in the events up to it.
    await expect(page.getByTestId('timeline-bar')).toHaveCount(stepIntervals(events.slice(0, n)).length);
  };
  await expectFolded(middle);
  // Back three events (the state is folded afresh), then the same again.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await expect(scrubber).toHaveAttribute('aria-valuenow', String(middle - 3));
  await expectFolded(middle - 3);
  // The summary belongs to the end: at the middle the run has not ended.
  await expect(page.getByTestId('run-summary')).toBeHidden();
  await page.keyboard.press('End');
  await expect(scrubber).toHaveAttribute('aria-valuenow', String(events.length));
  await runEnded(page, 'succeeded');
});
