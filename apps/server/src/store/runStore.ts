import { parseRunEvent, type RunEvent, type RunStatus } from '@baton/core';
import { writeOrDiskFull } from './diskFull.js';
import type { Db } from './openDatabase.js';

export interface StoredRun {
  id: string;
  orchestrationId: string | null;
  name: string;
  yaml: string;
  speed: number;
  dispatcher: 'local' | 'queue';
  status: RunStatus;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** The run this one retries. */
  retryOf?: string;
  /** A dry run: every agent as its simulated stand-in. */
  simulate: boolean;
  /** The agents' working folder (absolute); null for a run stored before workspaces were. */
  workspace: string | null;
}

/** A run to create: its record, and the fingerprint of each of its steps as it runs (for a later retry). */
export interface NewStoredRun extends Omit<StoredRun, 'status' | 'createdAt'> {
  fingerprints: Readonly<Record<string, string>>;
}

interface RunRow {
  id: string;
  orchestration_id: string | null;
  name: string;
  yaml: string;
  speed: number;
  dispatcher: 'local' | 'queue';
  status: RunStatus;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  retry_of: string | null;
  simulate: 0 | 1;
  workspace: string | null;
}

interface EventRow {
  run_id: string;
  seq: number;
  ts: string;
  type: RunEvent['type'];
  stage_id: string | null;
  step_id: string | null;
  attempt: number | null;
  data: string | null;
}

const toRun = (r: RunRow): StoredRun => ({
  id: r.id,
  orchestrationId: r.orchestration_id,
  name: r.name,
  yaml: r.yaml,
  speed: r.speed,
  dispatcher: r.dispatcher,
  status: r.status,
  createdAt: r.created_at,
  ...(r.started_at ? { startedAt: r.started_at } : {}),
  ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
  ...(r.retry_of ? { retryOf: r.retry_of } : {}),
  simulate: r.simulate === 1,
  workspace: r.workspace,
});

/** A stored row as the event it was; checked by core's guard, as any event read from outside. */
export function eventFromRow(r: EventRow): RunEvent {
  const event: Record<string, unknown> = { seq: r.seq, runId: r.run_id, ts: r.ts, type: r.type };
  if (r.stage_id !== null) event.stageId = r.stage_id;
  if (r.step_id !== null) event.stepId = r.step_id;
  if (r.attempt !== null) event.attempt = r.attempt;
  if (r.data !== null) event.data = JSON.parse(r.data);
  return parseRunEvent(event);
}

/** A stored event row that cannot be read back: its seq, and why. */
export interface UnreadableEvent {
  seq: number;
  reason: string;
}

const RUN_STATUS_OF: Partial<Record<RunEvent['type'], RunStatus>> = {
  'run.started': 'running',
  'run.succeeded': 'succeeded',
  'run.failed': 'failed',
  'run.cancelled': 'cancelled',
};

/** Runs and their append-only event logs. */
export class RunStore {
  private readonly insertEvent;
  private readonly appendMany;
  constructor(private readonly db: Db) {
    this.insertEvent = db.prepare(
      `INSERT INTO run_events (run_id, seq, ts, type, stage_id, step_id, attempt, data)
       VALUES (@runId, @seq, @ts, @type, @stageId, @stepId, @attempt, @data)`,
    );
    const setStatus = db.prepare(
      `UPDATE runs SET status = @status,
         started_at = CASE WHEN @status = 'running' AND started_at IS NULL THEN @ts ELSE started_at END,
         finished_at = CASE WHEN @status IN ('succeeded', 'failed', 'cancelled') THEN @ts ELSE finished_at END
       WHERE id = @runId`,
    );
    // One transaction per batch: events and the run's status change together or not at all.
    this.appendMany = db.transaction((events: readonly RunEvent[]) => {
      for (const e of events) {
        this.insertEvent.run({
          runId: e.runId,
          seq: e.seq,
          ts: e.ts,
          type: e.type,
          stageId: e.stageId ?? null,
          stepId: e.stepId ?? null,
          attempt: e.attempt ?? null,
          data: e.data === undefined ? null : JSON.stringify(e.data),
        });
        const status = RUN_STATUS_OF[e.type];
        if (status) setStatus.run({ status, ts: e.ts, runId: e.runId });
      }
    });
  }

  create(input: NewStoredRun): StoredRun {
    const { fingerprints, ...run } = input;
    const createdAt = new Date().toISOString();
    const save = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO runs (id, orchestration_id, name, yaml, speed, dispatcher, status, created_at, retry_of,
             simulate, workspace)
           VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
        )
        .run(
          run.id,
          run.orchestrationId,
          run.name,
          run.yaml,
          run.speed,
          run.dispatcher,
          createdAt,
          run.retryOf ?? null,
          run.simulate ? 1 : 0,
          run.workspace,
        );
      this.db
        .prepare('INSERT INTO run_fingerprints (run_id, fingerprints) VALUES (?, ?)')
        .run(run.id, JSON.stringify(fingerprints));
    });
    writeOrDiskFull('the run', save); // one transaction: on a full disk nothing of it is stored
    return { ...run, status: 'queued', createdAt };
  }

  /**
   * The fingerprint of each step of a run, by step id, as it was when the run started; null
   * for a run stored before fingerprints were (a retry then computes them from its YAML).
   */
  fingerprints(runId: string): Record<string, string> | null {
    const row = this.db.prepare('SELECT fingerprints FROM run_fingerprints WHERE run_id = ?').get(runId) as
      | { fingerprints: string }
      | undefined;
    if (!row) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.fingerprints);
    } catch {
      return null; // unreadable: as for a run stored before fingerprints were
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const out: Record<string, string> = {};
    for (const [id, value] of Object.entries(parsed)) {
      if (typeof value === 'string') Object.defineProperty(out, id, { value, enumerable: true });
    }
    return out;
  }

  get(id: string): StoredRun | null {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? toRun(row) : null;
  }

  list(filter: { orchestrationId?: string; limit?: number } = {}): StoredRun[] {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    const rows = filter.orchestrationId
      ? this.db
          .prepare('SELECT * FROM runs WHERE orchestration_id = ? ORDER BY created_at DESC LIMIT ?')
          .all(filter.orchestrationId, limit)
      : this.db.prepare('SELECT * FROM runs ORDER BY created_at DESC LIMIT ?').all(limit);
    return (rows as RunRow[]).map(toRun);
  }

  /** Runs that were not finished when the server stopped: to resume. */
  unfinished(): StoredRun[] {
    return (
      this.db
        .prepare("SELECT * FROM runs WHERE status IN ('queued', 'running') ORDER BY created_at")
        .all() as RunRow[]
    ).map(toRun);
  }

  append(events: readonly RunEvent[]): void {
    if (events.length) this.appendMany(events);
  }

  /** A run's events after `afterSeq`, in order; a row that cannot be read back is skipped (see `read`). */
  events(runId: string, afterSeq = 0, limit = -1): RunEvent[] {
    return this.read(runId, afterSeq, limit).events;
  }

  /**
   * A run's events after `afterSeq`, and the first stored row that cannot be read back
   * (malformed JSON, or a shape core's guard refuses). Such a row is left as stored and never
   * served; a run is not resumed from a log with a hole in it (it could run a finished step again).
   */
  read(
    runId: string,
    afterSeq = 0,
    /** At most this many rows (-1: all); an event stream reads a long log a page at a time. */
    limit = -1,
  ): { events: RunEvent[]; unreadable: UnreadableEvent | null } {
    const rows = this.db
      .prepare('SELECT * FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(runId, afterSeq, limit) as EventRow[];
    const events: RunEvent[] = [];
    let unreadable: UnreadableEvent | null = null;
    for (const row of rows) {
      try {
        events.push(eventFromRow(row));
      } catch (error) {
        unreadable ??= { seq: row.seq, reason: error instanceof Error ? error.message : String(error) };
      }
    }
    return { events, unreadable };
  }

  /** The last seq stored for a run (0 if none), readable or not: the next event follows it. */
  lastSeq(runId: string): number {
    const row = this.db.prepare('SELECT MAX(seq) AS n FROM run_events WHERE run_id = ?').get(runId) as {
      n: number | null;
    };
    return row.n ?? 0;
  }
}
