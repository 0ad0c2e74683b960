import type { RunEvent } from '@baton/core';
import type { Request, Response } from 'express';
import { ApiError } from '../http/ApiError.js';
import type { RunManager } from '../runs/RunManager.js';

const HEARTBEAT_MS = 15_000;
const TERMINAL = new Set<RunEvent['type']>(['run.succeeded', 'run.failed', 'run.cancelled']);

/** `Last-Event-ID` (a reconnecting EventSource) or `?after=`: the last seq the client has. */
function resumeAfter(req: Request): number {
  if (req.query.after !== undefined && typeof req.query.after !== 'string') {
    throw new ApiError(400, 'invalid_resume_point', 'give "after" once, as a whole number');
  }
  const raw = req.headers['last-event-id'] ?? req.query.after;
  if (raw === undefined || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new ApiError(
      400,
      'invalid_resume_point',
      `Last-Event-ID / after must be a whole number, not '${raw}'`,
    );
  }
  return n;
}

/**
 * Server-sent events of one run (DESIGN §4): `id:` is the seq; stored events after the resume
 * point first, then live ones; a finished run's stream replays and closes with `event: end`.
 */
export function runEventStream(runs: RunManager, req: Request, res: Response, runId: string) {
  const after = resumeAfter(req);
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no', // nginx: do not buffer the stream
  });
  res.flushHeaders();
  res.write('retry: 2000\n\n');

  let ended = false;
  let unsubscribe: () => void = () => {};
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  const close = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    res.end();
  };
  req.on('close', close);

  const finish = () => {
    res.write('event: end\ndata: {}\n\n');
    close();
  };

  unsubscribe = runs.subscribe(runId, after, (events) => {
    if (ended) return;
    let chunk = '';
    let last: RunEvent | undefined;
    for (const event of events) {
      chunk += `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`;
      last = event;
    }
    res.write(chunk);
    if (last && TERMINAL.has(last.type)) finish();
  });
  // The replay may have ended the stream before `unsubscribe` was known: drop the listener now.
  if (ended) unsubscribe();
  // A finished run whose last event the client already has: nothing more will come.
  if (!ended && !runs.isActive(runId)) finish();
}
