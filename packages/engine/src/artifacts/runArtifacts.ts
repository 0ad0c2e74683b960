import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Plan } from '@baton/core';
import { DistinctNames, inside, slug } from './safePath.js';

/** An artifact as `artifact.created` names it: `path` is relative to the data directory. */
export interface ArtifactRef {
  name: string;
  path: string;
}

/** The seed's session stamp, `YYYYMMDD_HHMMSS` in local time (as its `date +%Y%m%d_%H%M%S`). */
export function sessionStamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}_${two(d.getHours())}${two(
    d.getMinutes(),
  )}${two(d.getSeconds())}`;
}

/**
 * A run's artifact folder in the seed's layout (docs/design.md §3.2):
 * `<dataDir>/.artifacts/<orchestration>/<YYYYMMDD_HHMMSS>/` with `context.json`,
 * `agent-reports/<stepId>-report.md` (the seed's aggregation globs `*-report.md`), handed-over
 * artifacts under `handoff/`, and `summary.md`.
 *
 * File names come from the plan, in its order, through `DistinctNames`: two step ids (or two
 * artifact names, or two steps handing over the same name) that sanitise alike get distinct
 * files, the same ones on a resumed run.
 *
 * Writes are synchronous on purpose: reports are small, and an artifact then exists on disk
 * when its `artifact.created` event is seen, in the same order on every run.
 */
export class RunArtifacts {
  private readonly reports: DistinctNames;
  private readonly handoffs: DistinctNames;

  private constructor(
    private readonly dataDir: string,
    readonly dir: string,
    plan: Plan,
  ) {
    this.reports = new DistinctNames(
      'step',
      plan.steps.map((s) => s.id),
    );
    // Keyed by the producing step: two steps may hand over artifacts of the same name.
    this.handoffs = new DistinctNames(
      'artifact',
      plan.steps.flatMap((s) => (s.produces ? [[s.id, s.produces] as const] : [])),
    );
  }

  /** A new folder for a run started at `startedAtMs` (`-2`, `-3`… when runs share the second). */
  static create(dataDir: string, orchestrationName: string, startedAtMs: number, plan: Plan): RunArtifacts {
    const root = resolve(dataDir);
    const parent = inside(root, '.artifacts', slug(orchestrationName));
    mkdirSync(parent, { recursive: true });
    const stamp = sessionStamp(startedAtMs);
    for (let n = 1; ; n++) {
      const dir = join(parent, n === 1 ? stamp : `${stamp}-${n}`);
      try {
        mkdirSync(dir);
        return new RunArtifacts(root, dir, plan);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n > 1000) throw error;
      }
    }
  }

  /** The folder of a resumed run, from the path of its `context.json` (relative to `dataDir`). */
  static reopen(dataDir: string, contextPath: string, plan: Plan): RunArtifacts {
    const root = resolve(dataDir);
    const dir = dirname(inside(root, contextPath));
    // A stored path is not trusted: a run's folder is below `.artifacts/`, never the data dir's own files.
    const base = join(root, '.artifacts');
    inside(base, relative(base, dir));
    mkdirSync(dir, { recursive: true });
    return new RunArtifacts(root, dir, plan);
  }

  /** The folder relative to the data directory (the seed's `session_dir`). */
  get sessionDir(): string {
    return this.relativePath(this.dir);
  }

  /** The folder's own name: the stamp, with its suffix if it has one. */
  get stamp(): string {
    return basename(this.dir);
  }

  /** A file of this folder relative to the data directory, as `artifact.created` and `context.json` name it. */
  pathOf(file: string): string {
    return this.relativePath(inside(this.dir, ...file.split('/')));
  }

  reportFile(stepId: string): string {
    return `agent-reports/${this.reports.of(stepId)}-report.md`;
  }

  /** What `context.json` holds now (a resumed run carries on from it), or null. */
  readContext(): unknown {
    const path = inside(this.dir, 'context.json');
    if (!existsSync(path)) return null;
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      return null; // half-written by a crash: rebuilt from what the run knows
    }
  }

  writeContext(context: unknown): ArtifactRef {
    return this.writeContextText(`${JSON.stringify(context, null, 2)}\n`);
  }

  /** `context.json` already serialised. */
  writeContextText(text: string): ArtifactRef {
    return this.write('context.json', 'context.json', text);
  }

  writeReport(stepId: string, markdown: string): ArtifactRef {
    const file = this.reportFile(stepId);
    return this.write(file, file, markdown);
  }

  readReport(stepId: string): string | null {
    const path = inside(this.dir, ...this.reportFile(stepId).split('/'));
    return existsSync(path) ? readFileSync(path, 'utf8') : null;
  }

  /** The artifact `name` that step `stepId` hands over: a file of its own. */
  writeHandoff(stepId: string, name: string, content: string): ArtifactRef {
    return this.write(name, `handoff/${this.handoffs.of(stepId, name)}.md`, content);
  }

  writeSummary(markdown: string): ArtifactRef {
    return this.write('summary.md', 'summary.md', markdown);
  }

  private write(name: string, file: string, content: string): ArtifactRef {
    const path = inside(this.dir, ...file.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return { name, path: this.relativePath(path) };
  }

  private relativePath(path: string): string {
    return relative(this.dataDir, path).split(sep).join('/');
  }
}
