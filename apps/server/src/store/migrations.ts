/** Schema migrations, in order; a released one is never edited, only followed by a new one. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE orchestrations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    yaml TEXT NOT NULL,
    model TEXT NOT NULL,
    stage_count INTEGER NOT NULL,
    step_count INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE orchestration_versions (
    orchestration_id TEXT NOT NULL REFERENCES orchestrations(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    yaml TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (orchestration_id, version)
  ) WITHOUT ROWID;
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    orchestration_id TEXT,
    name TEXT NOT NULL,
    yaml TEXT NOT NULL,
    speed REAL NOT NULL DEFAULT 1,
    dispatcher TEXT NOT NULL DEFAULT 'local',
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT
  );
  CREATE INDEX runs_by_orchestration ON runs (orchestration_id, created_at);
  CREATE TABLE run_events (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    ts TEXT NOT NULL,
    type TEXT NOT NULL,
    stage_id TEXT,
    step_id TEXT,
    attempt INTEGER,
    data TEXT,
    PRIMARY KEY (run_id, seq)
  ) WITHOUT ROWID;
  `,
  // 2: retries (a run records the run it retries) and the fingerprint of each step as it ran,
  // for a later retry to tell which steps are unchanged. Fingerprints apart from `runs`: the
  // run list never reads them.
  `
  ALTER TABLE runs ADD COLUMN retry_of TEXT;
  CREATE TABLE run_fingerprints (
    run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    fingerprints TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // 3: a run's dry-run switch and its workspace (the agents' working folder), kept for its
  // resume and shown with it. Runs from before: not simulated, workspace unknown (null).
  `
  ALTER TABLE runs ADD COLUMN simulate INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE runs ADD COLUMN workspace TEXT;
  `,
];
