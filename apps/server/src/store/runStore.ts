import { parseRunEvent, type RunEvent, type RunStatus } from '@baton/core';
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

  create(run: Omit<StoredRun, 'status' | 'createdAt'>): StoredRun {
    const createdAt = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO runs (id, orchestration_id, name, yaml, speed, dispatcher, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'queued', ?)`,
      )
      .run(run.id, run.orchestrationId, run.name, run.yaml, run.speed, run.dispatcher, createdAt);
    return { ...run, status: 'queued', createdAt };
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

  events(runId: string, afterSeq = 0): RunEvent[] {
    return (
      this.db
        .prepare('SELECT * FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq')
        .all(runId, afterSeq) as EventRow[]
    ).map(eventFromRow);
  }
}
