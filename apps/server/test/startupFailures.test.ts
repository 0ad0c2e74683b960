import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '@baton/core';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeExit, serveArgs, serveUntilExit, startServe, stopServe } from './serveProcess.js';
import { openEventStream } from './sse.js';
import { PRIMARY_WITH_REVIEWERS } from './testServer.js';

const dir = mkdtempSync(join(tmpdir(), 'baton-startup-'));
chmodSync(dir, 0o755); // the unprivileged case below must reach its folders
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh data dir under the test's folder. */
let made = 0;
const dataDirNamed = (name: string) => join(dir, `${++made}-${name}`);

/** What a failed start must look like: exit 1, one line on stderr, no stack trace anywhere. */
function expectOneLineFailure(result: ServeExit, line: string | RegExp) {
  expect(result.status, result.stdout + result.stderr).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  if (typeof line === 'string') expect(lines[0]).toBe(line);
  else expect(lines[0]).toMatch(line);
  expect(result.stdout + result.stderr).not.toMatch(/\n\s+at |TypeError|SqliteError/);
}

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A real store, written by the server: a few orchestrations, enough for several pages. */
const STORE = join(dir, 'store', 'baton.sqlite');
beforeAll(async () => {
  const server = await startServe(serveArgs(join(dir, 'store')));
  for (let i = 0; i < 12; i++) {
    const saved = await fetch(`${server.url}/api/orchestrations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: `# orchestration ${i}: ${'padding '.repeat(200)}\n${PRIMARY_WITH_REVIEWERS}`,
    });
    expect(saved.status).toBe(201);
  }
  await stopServe(server);
}, 30_000);

/** A data dir holding a copy of that store. */
function dataDirWithStore(name: string): { dataDir: string; store: string } {
  const dataDir = dataDirNamed(name);
  mkdirSync(dataDir);
  const store = join(dataDir, 'baton.sqlite');
  copyFileSync(STORE, store);
  return { dataDir, store };
}

describe('start-up failures: one line naming the file or folder and what to do, exit 1', () => {
  it('a port in use', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const args = serveArgs(dataDirNamed('port'));
      args[args.indexOf('--port') + 1] = String(port);
      expectOneLineFailure(
        await serveUntilExit(args),
        `baton serve: port ${port} on 127.0.0.1 is in use; pick another with --port (or BATON_PORT)`,
      );
    } finally {
      taken.close();
    }
  });

  it('a data dir whose path runs through a file, and a data dir that is a file', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder\n');
    expectOneLineFailure(
      await serveUntilExit(serveArgs(join(file, 'data'))),
      `baton serve: cannot create the data folder ${file}/data: a part of that path is a file, not a folder; pick another with --data-dir (or BATON_DATA_DIR)`,
    );
    expectOneLineFailure(
      await serveUntilExit(serveArgs(file)),
      `baton serve: cannot create the data folder ${file}: it is a file, not a folder; pick another with --data-dir (or BATON_DATA_DIR)`,
    );
    expect(readFileSync(file, 'utf8')).toBe('not a folder\n');
  });

  it('a read-only data dir, and one that cannot be created in a read-only folder', async () => {
    // Root writes anywhere, so as root the server runs as 'nobody' (uid 65534): for it these
    // folders are read-only exactly as for any user without write permission.
    const unprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const readOnly = dataDirNamed('read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
    expectOneLineFailure(
      await serveUntilExit(serveArgs(readOnly), unprivileged),
      `baton serve: cannot write in the data folder ${readOnly}: permission denied; fix its permissions, or pick another with --data-dir (or BATON_DATA_DIR)`,
    );
    expectOneLineFailure(
      await serveUntilExit(serveArgs(join(readOnly, 'data')), unprivileged),
      `baton serve: cannot create the data folder ${readOnly}/data: permission denied; pick another with --data-dir (or BATON_DATA_DIR)`,
    );
  });

  it('a lock path that is a folder', async () => {
    const dataDir = dataDirNamed('lock-folder');
    mkdirSync(join(dataDir, 'baton.lock'), { recursive: true });
    expectOneLineFailure(
      await serveUntilExit(serveArgs(dataDir)),
      `baton serve: ${dataDir}/baton.lock is a folder; Baton keeps its lock file there: remove that folder and start again`,
    );
  });

  it('a baton.sqlite that is not a database: refused, its bytes unchanged', async () => {
    const { dataDir, store } = dataDirWithStore('not-a-db');
    const bytes = readFileSync(store);
    bytes.write('this is no SQLite header, it was overwritten', 0, 'latin1');
    writeFileSync(store, bytes);
    const before = digest(store);
    expectOneLineFailure(
      await serveUntilExit(serveArgs(dataDir)),
      `baton serve: ${store} is damaged (it is not an SQLite database); Baton left it as it is: restore it from a backup, or move it away to start with an empty store`,
    );
    expect(digest(store)).toBe(before);
  });

  it('a truncated baton.sqlite (cut at a page, and mid-page): refused, never rewritten or deleted', async () => {
    const { dataDir, store } = dataDirWithStore('truncated');
    const size = readFileSync(store).length;
    expect(size).toBeGreaterThanOrEqual(4 * 4096);
    truncateSync(store, 2 * 4096);
    const before = digest(store);
    expectOneLineFailure(
      await serveUntilExit(serveArgs(dataDir)),
      `baton serve: ${store} is damaged (it is truncated: 8192 bytes of the ${size} its header counts); Baton left it as it is: restore it from a backup, or move it away to start with an empty store`,
    );
    expect(digest(store)).toBe(before);

    truncateSync(store, 4096 + 1000);
    const cut = digest(store);
    expectOneLineFailure(
      await serveUntilExit(serveArgs(dataDir)),
      /is damaged \(it is truncated: 5096 bytes is not a whole number of 4096-byte pages\)/,
    );
    expect(digest(store)).toBe(cut);
  });

  it('a baton.sqlite damaged inside (its header intact): refused by the check, bytes unchanged', async () => {
    const { dataDir, store } = dataDirWithStore('damaged-page');
    const bytes = readFileSync(store);
    // Page 2 onwards: b-tree pages, overwritten with garbage.
    for (let i = 4096; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    writeFileSync(store, bytes);
    const before = digest(store);
    expectOneLineFailure(
      await serveUntilExit(serveArgs(dataDir)),
      new RegExp(
        `^baton serve: ${store} is damaged \\(.+\\); Baton left it as it is: restore it from a backup`,
      ),
    );
    expect(digest(store)).toBe(before);
  });

  it('a stored event whose JSON is malformed: the server starts, that run is marked failed saying why', async () => {
    const { dataDir, store } = dataDirWithStore('bad-event');
    const db = new Database(store);
    const now = new Date().toISOString();
    db.prepare(
      "INSERT INTO runs (id, orchestration_id, name, yaml, speed, dispatcher, status, created_at) VALUES ('bad', NULL, 'x', ?, 1, 'local', 'running', ?)",
    ).run(PRIMARY_WITH_REVIEWERS, now);
    const event = db.prepare('INSERT INTO run_events (run_id, seq, ts, type, data) VALUES (?, ?, ?, ?, ?)');
    event.run('bad', 1, now, 'run.started', null);
    event.run('bad', 2, now, 'step.log', '{"text": "half a log line');
    db.close();

    const server = await startServe(serveArgs(dataDir));
    try {
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      const run = (await (await fetch(`${server.url}/api/runs/bad`)).json()) as { status: string };
      expect(run.status).toBe('failed');
      const stream = openEventStream(`${server.url}/api/runs/bad/events`);
      await stream.ended;
      const events: RunEvent[] = stream.events;
      expect(events.map((e) => [e.seq, e.type])).toEqual([
        [1, 'run.started'],
        [3, 'run.failed'],
      ]);
      expect(events[1]?.data).toEqual({
        error: expect.stringMatching(
          /^the run could not resume after a restart: its stored event 2 cannot be read \(.*JSON.*\); it was left as stored$/,
        ),
      });
    } finally {
      await stopServe(server);
    }
    const after = new Database(store, { readonly: true });
    expect(after.prepare("SELECT data FROM run_events WHERE run_id = 'bad' AND seq = 2").get()).toEqual({
      data: '{"text": "half a log line',
    });
    after.close();
  });
});
