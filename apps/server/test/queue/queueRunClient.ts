import type { Plan, RunEvent, RunRecord } from '@baton/core';
import { openEventStream } from '../sse.js';

/** A client of a running `baton serve`, over HTTP as the editor and users are. */

export async function api<T>(
  url: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** POST /api/runs; the new run's id. */
export async function postRun(url: string, body: Record<string, unknown>): Promise<string> {
  const res = await api<{ id: string; error?: { message: string } }>(url, '/api/runs', body);
  if (res.status !== 201)
    throw new Error(`POST /api/runs answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

/** GET /api/runs/:id until the run has ended. */
export async function waitForRunEnd(url: string, id: string, timeoutMs = 60_000): Promise<RunRecord> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await api<RunRecord>(url, `/api/runs/${id}`).catch(() => null);
    if (res?.status === 200 && ENDED.has(res.body.status)) return res.body;
    if (Date.now() > until)
      throw new Error(`run ${id} did not end in ${timeoutMs} ms: ${JSON.stringify(res?.body)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Every event of a finished run, as its event stream replays them. */
export async function runEvents(url: string, id: string): Promise<RunEvent[]> {
  const stream = openEventStream(`${url}/api/runs/${id}/events`);
  await stream.ended;
  return stream.events;
}

export async function planOf(url: string, yaml: string): Promise<Plan> {
  const res = await api<{ plan: Plan }>(url, '/api/validate', { yaml });
  return res.body.plan;
}

/** The (stepId, attempt) pairs a worker's output says it finished, by status. */
export function workerEnds(output: string, runId: string): { key: string; status: string }[] {
  return [...output.matchAll(/^[✔✖↩] (\S+) (succeeded|failed|handed back)/gmu)]
    .filter((m) => (m[1] as string).startsWith(`${runId}:`))
    .map((m) => ({ key: m[1] as string, status: m[2] as string }));
}

/** How many times each step's attempts were started on the workers (`▶ key` lines), by `stepId:attempt`. */
export function workerStarts(output: string, runId: string): string[] {
  return [...output.matchAll(/^▶ (\S+) /gmu)]
    .map((m) => m[1] as string)
    .filter((key) => key.startsWith(`${runId}:`))
    .map((key) => key.slice(runId.length + 1));
}
