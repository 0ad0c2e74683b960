import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { RunEvent } from '@baton/core';
import type { Response } from 'express';
import { ApiError } from '../http/ApiError.js';

/** The run's artifact folder: where its `context.json` was written (DESIGN §3.2). */
export function artifactRoot(events: readonly RunEvent[], dataDir: string): string | null {
  for (const e of events) {
    if (e.type !== 'artifact.created') continue;
    const path = (e.data as { path?: unknown } | undefined)?.path;
    if (typeof path === 'string' && path.endsWith('context.json')) {
      return dirname(isAbsolute(path) ? path : resolve(dataDir, path));
    }
  }
  return null;
}

/** Serve one artifact file; the path must stay inside the run's folder. */
export async function sendArtifact(res: Response, root: string | null, parts: string[]) {
  const requested = parts.join('/');
  if (!requested || parts.some((p) => p === '..' || p === '.' || p.includes('\0') || p.includes('\\'))) {
    throw new ApiError(
      400,
      'invalid_artifact_path',
      `'${requested}' is not an artifact path: no "..", "." or backslashes`,
    );
  }
  if (!root) throw new ApiError(404, 'no_artifacts', 'this run has written no artifacts yet');
  const file = resolve(root, requested);
  const inside = relative(root, file);
  if (inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) {
    throw new ApiError(400, 'invalid_artifact_path', `'${requested}' points outside the run's artifacts`);
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new ApiError(404, 'not_found', `no artifact '${requested}' in this run`);
  res.type(
    file.endsWith('.md')
      ? 'text/markdown; charset=utf-8'
      : file.endsWith('.json')
        ? 'application/json'
        : 'text/plain',
  );
  await new Promise<void>((done, fail) =>
    res.sendFile(file, { dotfiles: 'allow' }, (err) => (err ? fail(err) : done())),
  );
}
