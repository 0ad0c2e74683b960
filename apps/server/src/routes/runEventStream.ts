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

/** How much one client may cost the server, however slowly it reads. */
export interface StreamLimits {
  /** Events read from the store at a time. */
  pageSize: number;
  /** Bytes a client may have waiting in the server before writing to it pauses. */
  maxBufferedBytes: number;
  /** A client that takes nothing for this long while writing is paused is dropped. */
  stuckMs: number;
}

export const STREAM_LIMITS: StreamLimits = {
  pageSize: 16,
  maxBufferedBytes: 256 * 1024,
  stuckMs: 15_000,
};

/**
 * Bytes one stream writes before it lets the event loop turn: a socket that takes all it is
 * given (loopback takes megabytes) must not keep forty replays from letting `/api/health` in.
 */
const BYTES_PER_TURN = 16 * 1024;

const frame = (event: RunEvent) => `id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`;

/**
 * Server-sent events of one run (docs/design.md §4): `id:` is the seq; stored events after the resume
 * point first, then live ones; a finished run's stream replays and closes with `event: end`.
 *
 * Back-pressure: the stream reads the store a page at a time and writes only while the
 * client's buffer is under `maxBufferedBytes`; then it waits for the socket to drain and goes
 * on from the last seq written (live events that came meanwhile are read back from the store,
 * where they already are). A client that takes nothing for `stuckMs` is dropped; an
 * EventSource reconnects with Last-Event-ID. So a client holds at most about a buffer and a
 * page, whatever the size of the log.
 */
export function runEventStream(
  runs: RunManager,
  req: Request,
  res: Response,
  runId: string,
  limits: StreamLimits = STREAM_LIMITS,
) {
  let lastSeq = resumeAfter(req);
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no', // nginx: do not buffer the stream
  });
  res.flushHeaders();
  res.write('retry: 2000\n\n');

  let ended = false;
  let stuck: NodeJS.Timeout | null = null;
  let stopWatching: () => void = () => {};
  const full = () => res.writableLength >= limits.maxBufferedBytes;
  const heartbeat = setInterval(() => {
    if (!full()) res.write(': heartbeat\n\n');
  }, HEARTBEAT_MS);
  const close = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    if (stuck) clearTimeout(stuck);
    stopWatching();
    res.end();
  };
  req.on('close', close);
  res.on('close', close);

  const finish = () => {
    res.write('event: end\ndata: {}\n\n');
    close();
  };
  let writtenThisTurn = 0;
  let turnScheduled = false;
  /** The recent size of an event's frame, a running average. */
  let frameBytes = 512;
  /** Write one event; false once the stream has ended (a terminal event) or is full. */
  const send = (event: RunEvent): boolean => {
    const text = frame(event);
    res.write(text);
    writtenThisTurn += text.length;
    frameBytes = (frameBytes * 3 + text.length) / 4;
    lastSeq = event.seq;
    if (TERMINAL.has(event.type)) finish();
    return !ended && !full();
  };
  const waitForDrain = () => {
    if (stuck) return;
    stuck = setTimeout(() => {
      // Stuck past the bound: drop it (its buffer goes with it); it may reconnect and resume.
      res.destroy();
      close();
    }, limits.stuckMs);
    res.once('drain', () => {
      if (stuck) clearTimeout(stuck);
      stuck = null;
      pump();
    });
  };
  /** Write stored events after `lastSeq` while the client takes them, a turn's worth at a time. */
  const pump = () => {
    writtenThisTurn = 0;
    // Gone before its turn came, or the server stopping (its store about to close).
    if (res.destroyed || runs.stopping) return close();
    while (!ended && !stuck && !turnScheduled) {
      if (full()) return waitForDrain();
      if (writtenThisTurn >= BYTES_PER_TURN) {
        turnScheduled = true;
        setImmediate(() => {
          turnScheduled = false;
          pump();
        });
        return;
      }
      // Fewer events a page when they are large: a page is about a turn's worth of bytes.
      const size = Math.max(1, Math.min(limits.pageSize, Math.floor(BYTES_PER_TURN / frameBytes)));
      const page = runs.eventsAfter(runId, lastSeq, size);
      for (const event of page) if (!send(event)) break;
      if (ended) return;
      if (full()) return waitForDrain();
      if (page.length < size) {
        // Caught up: a finished run has nothing more; a live one is woken by its next events.
        if (!runs.isActive(runId)) finish();
        return;
      }
    }
  };

  stopWatching = runs.watch(runId, (events) => {
    // Paused, or a replay under way: what comes meanwhile is read back from the store.
    if (ended || stuck || turnScheduled) return;
    if (events[0]?.seq !== lastSeq + 1) return pump();
    for (const event of events) if (!send(event)) break;
    if (!ended && full()) waitForDrain();
  });
  pump();
}
