import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream, type SseClient } from './sse.js';
import { startTestServer, type TestServer } from './testServer.js';

const YAML = readFileSync(
  fileURLToPath(new URL('../../../examples/full-stack-feature.baton.yaml', import.meta.url)),
  'utf8',
);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

describe('load check (bounded, loopback only)', () => {
  it('50 concurrent simulated runs with 100 SSE clients: every client receives every event', async () => {
    const ids = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const res = await fetch(`${server.url}/api/runs`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ yaml: YAML, speed: 100 }),
        });
        expect(res.status).toBe(201);
        return ((await res.json()) as { id: string }).id;
      }),
    );
    const clients: { id: string; client: SseClient }[] = ids.flatMap((id) => [
      { id, client: openEventStream(`${server.url}/api/runs/${id}/events`) },
      { id, client: openEventStream(`${server.url}/api/runs/${id}/events`) },
    ]);
    expect(clients).toHaveLength(100);
    await Promise.all(clients.map((c) => c.client.ended));

    for (const { id, client } of clients) {
      const stored = (await (await fetch(`${server.url}/api/runs/${id}`)).json()) as { status: string };
      expect(stored.status).toBe('succeeded');
      const seqs = client.events.map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      expect(client.events.every((e) => e.runId === id)).toBe(true);
      expect(client.events.at(-1)?.type).toBe('run.succeeded');
    }
    // Both clients of a run saw the same log.
    for (let i = 0; i < clients.length; i += 2) {
      expect(clients[i]?.client.events).toEqual(clients[i + 1]?.client.events);
    }
  }, 120_000);
});
