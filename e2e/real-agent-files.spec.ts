import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentsResponse } from '@baton/core';
import { expect, test } from '@playwright/test';

/**
 * Issue 9: the engine's fixture of 38 Claude Code agent files in the shapes public repositories
 * use, served as a user would (`baton serve --agents DIR`): every file the server could not
 * read is in the palette with its file, line and message, exactly as GET /api/agents reports
 * it, and every agent it read is in the list. A server of its own, beside the suite's one.
 */
const REPO = join(import.meta.dirname, '..');
const FIXTURE = 'packages/engine/test/fixtures/claude-agents-real';

let server: ChildProcess | undefined;
let baseURL = '';
let dataDir = '';

/** A port nothing listens on now: the kernel's pick for a listener closed at once. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'baton-e2e-real-agents-'));
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    [
      'apps/cli/bin/baton.js',
      'serve',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--agents',
      FIXTURE,
      '--no-examples',
    ],
    { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${baseURL}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the second server did not start (exit ${server.exitCode}): ${stderr.slice(-2000)}`);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server?.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

test('real-world agent files: the palette lists every file the server could not read, as /api/agents says', async ({
  page,
}) => {
  const body = (await (await fetch(`${baseURL}/api/agents`)).json()) as AgentsResponse;
  const failedFiles = [...new Set(body.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file))];
  const warnings = body.diagnostics.filter((d) => d.severity === 'warning');
  // The fixture's README documents six broken shapes in five files (a duplicate name is two).
  expect(failedFiles.length).toBeGreaterThanOrEqual(5);
  expect(body.agents.filter((a) => a.source === 'file').length).toBeGreaterThanOrEqual(30);

  await page.goto(`${baseURL}/`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${baseURL}/new`);
  const problems = page.getByTestId('agent-diagnostics');
  await expect(problems).toContainText(
    `${failedFiles.length} agent files could not be read · ${warnings.length} warning`,
  );
  await problems.locator('summary').click();
  const items = page.getByTestId('agent-diagnostic');
  await expect(items).toHaveCount(body.diagnostics.length);
  // Each diagnostic, with its file and line, is one item of the list.
  for (const d of body.diagnostics) {
    const where = d.line === undefined ? d.file : `${d.file}:${d.line}`;
    const item = items.filter({ hasText: where }).filter({ hasText: d.message.slice(0, 40) });
    await expect(item.first(), `${where}: ${d.message}`).toBeVisible();
  }
  await expect(page.locator('[data-testid="agent-diagnostic"][data-severity="error"]')).toHaveCount(
    body.diagnostics.filter((d) => d.severity === 'error').length,
  );
  // Every agent the server read is in the palette with its runtime; a failed name is not.
  for (const agent of body.agents.filter((a) => a.source === 'file')) {
    await expect(page.getByTestId(`palette-agent-${agent.name}`)).toHaveCount(1);
  }
  await expect(page.getByTestId('palette-agent-code-reviewer')).toHaveAttribute('data-runtime', 'claude');
  await page.getByRole('complementary', { name: 'Palette' }).screenshot({
    path: join(import.meta.dirname, 'screenshots', 'palette-real-agent-files.png'),
  });
  // general-purpose's file is broken in the fixture: the built-in does not stand in for it.
  await expect(page.getByTestId('palette-agent-general-purpose')).toHaveCount(0);
});
