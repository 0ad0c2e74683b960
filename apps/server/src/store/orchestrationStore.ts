import { randomUUID } from 'node:crypto';
import type { OrchestrationRecord, OrchestrationSummary, RunStatus } from '@baton/core';
import { writeOrDiskFull } from './diskFull.js';
import type { Db } from './openDatabase.js';

interface Row {
  id: string;
  name: string;
  version: number;
  yaml: string;
  stage_count: number;
  step_count: number;
  updated_at: string;
}

export interface OrchestrationInput {
  name: string;
  yaml: string;
  /** JSON of the parsed model, stored beside the text. */
  model: string;
  stages: number;
  steps: number;
}

const toRecord = (row: Row): OrchestrationRecord => ({
  id: row.id,
  name: row.name,
  version: row.version,
  yaml: row.yaml,
  updatedAt: row.updated_at,
});

export type UpdateOutcome =
  | { kind: 'updated'; record: OrchestrationRecord }
  | { kind: 'stale'; current: OrchestrationRecord }
  | { kind: 'missing' };

/** Orchestrations with a version per save; every save is kept in the history table. */
export class OrchestrationStore {
  constructor(private readonly db: Db) {}

  /** Every orchestration, the last saved first, each with its most recent run (one query). */
  list(): OrchestrationSummary[] {
    const rows = this.db
      .prepare(
        `SELECT o.id, o.name, o.version, o.stage_count, o.step_count, o.updated_at,
           r.id AS last_run_id, r.status AS last_run_status, r.created_at AS last_run_created_at
         FROM orchestrations o
         LEFT JOIN runs r ON r.rowid = (
           SELECT rowid FROM runs WHERE orchestration_id = o.id ORDER BY created_at DESC, rowid DESC LIMIT 1
         )
         ORDER BY o.updated_at DESC, o.id`,
      )
      .all() as (Row & {
      last_run_id: string | null;
      last_run_status: RunStatus | null;
      last_run_created_at: string | null;
    })[];
    return rows.map((row) => {
      const summary: OrchestrationSummary = {
        id: row.id,
        name: row.name,
        version: row.version,
        updatedAt: row.updated_at,
        stages: row.stage_count,
        steps: row.step_count,
      };
      if (row.last_run_id !== null && row.last_run_status !== null && row.last_run_created_at !== null) {
        summary.lastRun = {
          id: row.last_run_id,
          status: row.last_run_status,
          createdAt: row.last_run_created_at,
        };
      }
      return summary;
    });
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM orchestrations').get() as { n: number }).n;
  }

  get(id: string): OrchestrationRecord | null {
    const row = this.db.prepare('SELECT * FROM orchestrations WHERE id = ?').get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  create(input: OrchestrationInput): OrchestrationRecord {
    const id = randomUUID();
    const now = new Date().toISOString();
    const save = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO orchestrations (id, name, version, yaml, model, stage_count, step_count, created_at, updated_at)
           VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, input.name, input.yaml, input.model, input.stages, input.steps, now, now);
      this.addVersion(id, 1, input.yaml, now);
    });
    writeOrDiskFull('the orchestration', save); // one transaction: on a full disk nothing of it is stored
    return this.get(id) as OrchestrationRecord;
  }

  /** Saves only when `expectedVersion` is the stored one: a stale write never overwrites. */
  update(id: string, expectedVersion: number, input: OrchestrationInput): UpdateOutcome {
    const save = this.db.transaction((): UpdateOutcome => {
      const current = this.get(id);
      if (!current) return { kind: 'missing' };
      if (current.version !== expectedVersion) return { kind: 'stale', current };
      const now = new Date().toISOString();
      const version = current.version + 1;
      this.db
        .prepare(
          `UPDATE orchestrations SET name = ?, version = ?, yaml = ?, model = ?, stage_count = ?, step_count = ?,
           updated_at = ? WHERE id = ?`,
        )
        .run(input.name, version, input.yaml, input.model, input.stages, input.steps, now, id);
      this.addVersion(id, version, input.yaml, now);
      return { kind: 'updated', record: this.get(id) as OrchestrationRecord };
    });
    return writeOrDiskFull('the change', save);
  }

  delete(id: string): boolean {
    const remove = this.db.prepare('DELETE FROM orchestrations WHERE id = ?');
    return writeOrDiskFull('the deletion', () => remove.run(id).changes > 0);
  }

  /** Every saved version, oldest first. */
  versions(id: string): { version: number; yaml: string; createdAt: string }[] {
    return (
      this.db
        .prepare(
          'SELECT version, yaml, created_at FROM orchestration_versions WHERE orchestration_id = ? ORDER BY version',
        )
        .all(id) as { version: number; yaml: string; created_at: string }[]
    ).map((r) => ({ version: r.version, yaml: r.yaml, createdAt: r.created_at }));
  }

  private addVersion(id: string, version: number, yaml: string, at: string) {
    this.db
      .prepare(
        'INSERT INTO orchestration_versions (orchestration_id, version, yaml, created_at) VALUES (?, ?, ?, ?)',
      )
      .run(id, version, yaml, at);
  }
}
