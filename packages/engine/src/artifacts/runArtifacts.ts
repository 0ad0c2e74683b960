import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { inside, safeName, slug } from './safePath.js';

/** An artifact as `artifact.created` names it: `path` is relative to the data directory. */
export interface ArtifactRef {
  name: string;
  path: string;
}

/**
 * A run's artifact folder in the seed's layout (DESIGN §3.2):
 * `<dataDir>/.artifacts/<orchestration>/<timestamp>/` with `context.json`,
 * `agent-reports/<stepId>.md`, handed-over artifacts under `handoff/`, and `summary.md`.
 *
 * Writes are synchronous on purpose: reports are small, and an artifact then exists on disk
 * when its `artifact.created` event is seen, in the same order on every run.
 */
export class RunArtifacts {
  private constructor(
    private readonly dataDir: string,
    readonly dir: string,
  ) {}

  /** A new folder for a run started at `startedAtMs` (a suffix when two runs share the millisecond). */
  static create(dataDir: string, orchestrationName: string, startedAtMs: number): RunArtifacts {
    const root = resolve(dataDir);
    const parent = inside(root, '.artifacts', slug(orchestrationName));
    mkdirSync(parent, { recursive: true });
    const stamp = new Date(startedAtMs).toISOString().replace(/:/g, '-').replace('.', '-');
    for (let n = 1; ; n++) {
      const dir = join(parent, n === 1 ? stamp : `${stamp}-${n}`);
      try {
        mkdirSync(dir);
        return new RunArtifacts(root, dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n > 1000) throw error;
      }
    }
  }

  /** The folder of a resumed run, from the path of its `context.json` (relative to `dataDir`). */
  static reopen(dataDir: string, contextPath: string): RunArtifacts {
    const root = resolve(dataDir);
    const dir = dirname(inside(root, contextPath));
    mkdirSync(dir, { recursive: true });
    return new RunArtifacts(root, dir);
  }

  writeContext(context: unknown): ArtifactRef {
    return this.write('context.json', 'context.json', `${JSON.stringify(context, null, 2)}\n`);
  }

  writeReport(stepId: string, markdown: string): ArtifactRef {
    const file = `agent-reports/${safeName(stepId)}.md`;
    return this.write(file, file, markdown);
  }

  readReport(stepId: string): string | null {
    const path = inside(this.dir, 'agent-reports', `${safeName(stepId)}.md`);
    return existsSync(path) ? readFileSync(path, 'utf8') : null;
  }

  writeHandoff(name: string, content: string): ArtifactRef {
    return this.write(name, `handoff/${safeName(name, 'artifact')}.md`, content);
  }

  writeSummary(markdown: string): ArtifactRef {
    return this.write('summary.md', 'summary.md', markdown);
  }

  private write(name: string, file: string, content: string): ArtifactRef {
    const path = inside(this.dir, ...file.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return { name, path: relative(this.dataDir, path).split(sep).join('/') };
  }
}
