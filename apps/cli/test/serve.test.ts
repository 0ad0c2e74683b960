import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BATON_BIN, REPO_ROOT, runBaton } from './runBaton.js';

const dataDir = mkdtempSync(join(tmpdir(), 'baton-serve-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('baton serve', () => {
  it('on an empty data dir: loads the examples, serves the app at /, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BATON_BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BATON_LOG_LEVEL: 'warn' },
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = out.match(/Baton is running at (http:\/\/127\.0\.0\.1:\d+)\//);
        if (match) resolve(match[1] as string);
      });
      void exited.then((code) => reject(new Error(`serve exited (${code}): ${out}`)));
    });

    const list = (await (await fetch(`${url}/api/orchestrations`)).json()) as {
      orchestrations: { name: string }[];
    };
    const names = list.orchestrations.map((o) => o.name);
    expect(names).toHaveLength(16);
    expect(names).toEqual(
      expect.arrayContaining(['Full-stack feature with quality checks', 'Seed · Primary with Reviewers']),
    );
    const page = await fetch(`${url}/o/some-id`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<title>[^<]*Baton[^<]*<\/title>/);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);

  it('refuses to listen on 0.0.0.0 without a token: exit 2 with the reason', () => {
    const r = runBaton(['serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', dataDir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('refusing to listen on 0.0.0.0 without a token');
  });

  it('refuses a --workspace that is not a folder: exit 2, one line', () => {
    const r = runBaton([
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--workspace',
      `${dataDir}/no-such-folder`,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `baton serve: the workspace ${dataDir}/no-such-folder does not exist: create it, or pick another with --workspace`,
    ]);
  });
});
