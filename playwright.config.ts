import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium (no browser download) against the built server, started
 * here on a free port with a fresh temporary data directory per run. The port and directory are
 * chosen once, in the main process, and handed to the workers through the environment.
 */
if (!process.env.BATON_E2E_PORT) {
  process.env.BATON_E2E_PORT = execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
  ])
    .toString()
    .trim();
}
process.env.BATON_E2E_DATA ??= mkdtempSync(join(tmpdir(), 'baton-e2e-'));

const port = process.env.BATON_E2E_PORT;
const dataDir = process.env.BATON_E2E_DATA;
const baseURL = `http://127.0.0.1:${port}`;
// `BATON_E2E_SERVER` may replace the command ({port} and {dataDir} are filled in). The agents are
// the built-in ones plus e2e/fixtures/agents (a real `claude` agent, a broken file: see its README).
const command = (
  process.env.BATON_E2E_SERVER ??
  'node apps/cli/bin/baton.js serve --port {port} --data-dir {dataDir} --agents e2e/fixtures/agents'
)
  .replace('{port}', port)
  .replace('{dataDir}', dataDir);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { BATON_LOAD_EXAMPLES: '0' },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
