import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HealthResponse, OrchestrationRecord, RunRecord, WorkersResponse } from '@baton/core';
import { expect, type Page, test } from '@playwright/test';
import { kill9, startWorker, type WorkerProcess } from '../apps/server/test/queue/queueCluster';
import { BATON, type ServeProcess, startServe } from '../apps/server/test/serveProcess';
import { startRedis, type TestRedis } from '../packages/engine/test/queue/redisServer';
import { chainYaml, nodeStatuses, stepNode } from './support/runs';

/**
 * Issue 11 in the editor: a server started with `--dispatcher queue` and two `baton worker`
 * processes (w1, w2) on a Redis of this spec's own, beside the suite's server. The Run control
 * starts on "Queue workers", the steps run on the workers, and the step drawer names the worker
 * of each attempt as GET /api/runs/:id does — and marks an attempt lost when its worker is killed.
 */
const SHOTS = join(import.meta.dirname, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

let redis: TestRedis | undefined;
let server: ServeProcess | undefined;
const workers: WorkerProcess[] = [];
const folders: string[] = [];
let baseURL = '';

const tempFolder = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(60_000);
  redis = await startRedis();
  const dataDir = tempFolder('baton-e2e-queue-data-');
  const workspace = tempFolder('baton-e2e-queue-workspace-');
  // The examples are loaded (no --no-examples): the first test opens one from the list.
  server = await startServe(
    [
      process.execPath,
      BATON,
      'serve',
      '--port',
      '0', // the kernel's pick: a free port, with no window for another process to take it
      '--data-dir',
      dataDir,
      '--workspace',
      workspace,
      '--dispatcher',
      'queue',
      '--redis',
      redis.url,
    ],
    { env: { ...process.env, BATON_LOAD_EXAMPLES: '1' } },
  );
  baseURL = server.url;
  for (const id of ['w1', 'w2']) {
    // A short lock: a killed worker's step is found stalled within seconds.
    workers.push(
      await startWorker(redis.url, { id, lockMs: 2000, workspace: tempFolder(`baton-e2e-${id}-`) }),
    );
  }
});

test.afterAll(async () => {
  await Promise.all([...workers.map((w) => kill9(w.child)), server ? kill9(server.child) : undefined]);
  await redis?.stop();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

async function runRecord(page: Page, runId: string): Promise<RunRecord> {
  const response = await page.request.get(`${baseURL}/api/runs/${runId}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as RunRecord;
}

/** Open a step's drawer on its Attempts tab; the worker of each attempt, as the drawer lists them. */
async function drawerWorkers(page: Page, stepId: string): Promise<Record<string, string>> {
  await stepNode(page, stepId).click();
  const drawer = page.getByTestId('step-drawer');
  await expect(drawer).toHaveAttribute('data-step-id', stepId);
  await drawer.getByTestId('drawer-tab-attempts').click();
  const attempts = drawer.getByTestId('step-attempt');
  await expect(attempts.first()).toBeVisible();
  const pairs = await attempts.evaluateAll((els) =>
    els.map((e) => [e.getAttribute('data-attempt') ?? '', e.getAttribute('data-worker') ?? '']),
  );
  return Object.fromEntries(pairs);
}

const closeToasts = (page: Page) =>
  page.locator('.toast-close').evaluateAll((buttons) => {
    for (const b of buttons) (b as HTMLButtonElement).click();
  });

/** The page in the light and the dark theme, as screenshots.spec.ts names them. */
async function shoot(page: Page, name: string) {
  await closeToasts(page);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('an example run on the queue: every step on w1 or w2, the drawer naming the worker as the API does', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const health = (await (await page.request.get(`${baseURL}/api/health`)).json()) as HealthResponse;
  expect(health.dispatchers).toEqual(['local', 'queue']);
  expect(health.defaultDispatcher).toBe('queue');
  await expect
    .poll(async () => {
      const body = (await (await page.request.get(`${baseURL}/api/workers`)).json()) as WorkersResponse;
      return body.workers.map((w) => w.id).sort();
    })
    .toEqual(['w1', 'w2']);

  await page.goto(`${baseURL}/`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${baseURL}/`);
  const row = page.getByTestId('list-row').filter({ hasText: 'Update authentication across services' });
  await expect(row).toHaveCount(1);
  const id = await row.getAttribute('data-id');
  await page.goto(`${baseURL}/o/${id}`);

  // The server's default, before anyone picks: its workers.
  const dispatcher = page.getByTestId('run-dispatcher');
  await expect(dispatcher).toHaveValue('queue');
  await expect(dispatcher.locator('option:checked')).toHaveText('Queue workers');
  await expect(dispatcher.locator('option')).toHaveText(['This server', 'Queue workers']);

  await page.getByTestId('run-speed').selectOption('10');
  await page.getByTestId('run').click();
  await page.waitForURL(/\/runs\//);
  const runId = decodeURIComponent(/\/runs\/([^/?#]+)/.exec(page.url())?.[1] ?? '');
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'succeeded', {
    timeout: 60_000,
  });
  const statuses = await nodeStatuses(page);
  expect(Object.keys(statuses).sort()).toEqual([
    'auth.fanin',
    'auth.fanout.0',
    'auth.fanout.1',
    'auth.fanout.2',
  ]);
  for (const stepId of Object.keys(statuses)) {
    await expect(stepNode(page, stepId)).toHaveAttribute('data-status', 'succeeded');
  }

  const record = await runRecord(page, runId);
  expect(record.dispatcher).toBe('queue');
  for (const stepId of Object.keys(statuses)) {
    const shown = await drawerWorkers(page, stepId);
    const step = record.steps[stepId];
    expect(step?.status).toBe('succeeded');
    // One attempt each, on one of the two workers, the same in the drawer and in the API.
    expect(Object.keys(shown)).toEqual([String(step?.attempt)]);
    expect(Object.values(shown)[0]).toMatch(/^w[12]$/);
    expect(shown, stepId).toEqual(step?.workers);
    const header = page.getByTestId('step-drawer').getByTestId('step-worker');
    await expect(header).toHaveAttribute('data-worker', Object.values(shown)[0] as string);
    await expect(header).toHaveText(`on worker ${Object.values(shown)[0]}`);
    await expect(page.getByTestId('step-drawer').getByTestId('attempt-worker')).toHaveText(
      `on worker ${Object.values(shown)[0]}`,
    );
  }
  // The timeline's bars say the same.
  for (const [stepId, step] of Object.entries(record.steps)) {
    await expect(
      page.locator(`[data-testid="timeline-bar"][data-step-id="${stepId}"][data-attempt="1"]`),
    ).toHaveAttribute('data-worker', step.workers?.['1'] ?? 'none');
  }
  await drawerWorkers(page, 'auth.fanin');
  await shoot(page, 'queue-run-drawer');
});

test('a worker killed mid-step: the drawer marks its attempt lost, the next ran on the other worker', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const response = await page.request.post(`${baseURL}/api/orchestrations`, {
    data: { yaml: chainYaml('A step whose worker is killed', 1, '6s') },
  });
  expect(response.status()).toBe(201);
  const { id } = (await response.json()) as OrchestrationRecord;
  await page.goto(`${baseURL}/o/${id}`);
  await expect(page.getByTestId('run-dispatcher')).toHaveValue('queue');
  await page.getByTestId('run-speed').selectOption('1');
  await page.getByTestId('run').click();
  await page.waitForURL(/\/runs\//);
  const runId = decodeURIComponent(/\/runs\/([^/?#]+)/.exec(page.url())?.[1] ?? '');
  const stepId = 'chain.task.0';

  // While it runs, the drawer already names its worker (the dispatcher's log line says which).
  await stepNode(page, stepId).click();
  const header = page.getByTestId('step-drawer').getByTestId('step-worker');
  await expect(header).toHaveAttribute('data-worker', /^w[12]$/);
  await expect(stepNode(page, stepId)).toHaveAttribute('data-status', 'running');
  const lostOn = (await header.getAttribute('data-worker')) as string;
  const victim = workers.find((w) => w.id === lostOn);
  if (!victim) throw new Error(`no worker ${lostOn}`);
  await kill9(victim.child);
  const survivor = lostOn === 'w1' ? 'w2' : 'w1';

  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-status', 'succeeded', {
    timeout: 60_000,
  });
  const shown = await drawerWorkers(page, stepId);
  expect(shown).toEqual({ '1': lostOn, '2': survivor });
  const attempts = page.getByTestId('step-drawer').getByTestId('step-attempt');
  await expect(attempts.nth(0)).toHaveAttribute('data-interrupted', 'true');
  await expect(attempts.nth(0).getByTestId('attempt-lost')).toHaveText(
    new RegExp(`^lost: worker ${lostOn} stopped answering.* — ran again$`),
  );
  await expect(attempts.nth(1)).not.toHaveAttribute('data-interrupted', /.*/);
  await expect(attempts.nth(1)).toHaveAttribute('data-status', 'succeeded');
  await expect(header).toHaveAttribute('data-worker', survivor);

  const record = await runRecord(page, runId);
  expect(record.steps[stepId]?.attempt).toBe(2);
  expect(record.steps[stepId]?.workers).toEqual(shown);
  await expect(
    page.locator(`[data-testid="timeline-bar"][data-step-id="${stepId}"][data-attempt="1"]`),
  ).toHaveAttribute('data-interrupted', 'true');
  await shoot(page, 'queue-lost-attempt-drawer');
});
