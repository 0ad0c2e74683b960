import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { RunEvent } from '@baton/core';
import type { Response } from 'express';
import { ApiError } from '../http/ApiError.js';

/** Where every run's artifact folder lives: `<dataDir>/.artifacts/` (docs/design.md §3.2). */
export const artifactsBase = (dataDir: string) => resolve(dataDir, '.artifacts');

/** `path` is strictly below `folder` (both absolute, resolved). */
function isBelow(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * The run's artifact folder: where its `context.json` was written (docs/design.md §3.2), and only if
 * that is inside `<dataDir>/.artifacts/`. A stored event naming a folder anywhere else (edited,
 * or from a damaged store) is not believed: nothing outside is ever served.
 */
export function artifactRoot(events: readonly RunEvent[], dataDir: string): string | null {
  const base = artifactsBase(dataDir);
  for (const e of events) {
    if (e.type !== 'artifact.created') continue;
    const path = (e.data as { path?: unknown } | undefined)?.path;
    if (typeof path !== 'string' || !path.endsWith('context.json') || path.includes('\0')) continue;
    const folder = dirname(resolve(dataDir, path));
    if (isBelow(base, folder)) return folder;
  }
  return null;
}

/**
 * Serve one artifact file; the path must stay inside the run's folder, and so must the file it
 * really is: a symbolic link in the folder (or a folder that is one) pointing elsewhere is
 * refused, so the check holds whatever the disk or a stored event says.
 */
export async function sendArtifact(res: Response, root: string | null, parts: string[], dataDir: string) {
  const requested = parts.join('/');
  if (!requested || parts.some((p) => p === '..' || p === '.' || p.includes('\0') || p.includes('\\'))) {
    throw new ApiError(
      400,
      'invalid_artifact_path',
      `'${requested}' is not an artifact path: no "..", "." or backslashes`,
    );
  }
  if (!root) throw new ApiError(404, 'no_artifacts', 'this run has written no artifacts in the data folder');
  const file = resolve(root, requested);
  if (!isBelow(root, file)) {
    throw new ApiError(400, 'invalid_artifact_path', `'${requested}' points outside the run's artifacts`);
  }
  const notFound = () => new ApiError(404, 'not_found', `no artifact '${requested}' in this run`);
  const [realBase, realRoot, realFile] = await Promise.all(
    [artifactsBase(dataDir), root, file].map((p) => realpath(p).catch(() => null)),
  );
  if (!realBase || !realRoot || !isBelow(realBase, realRoot)) {
    throw new ApiError(404, 'no_artifacts', 'this run has written no artifacts in the data folder');
  }
  if (!realFile) throw notFound();
  if (!isBelow(realRoot, realFile)) {
    throw new ApiError(
      403,
      'artifact_outside_run',
      `'${requested}' is a link to a file outside the run's artifact folder: not served`,
    );
  }
  const info = await stat(realFile).catch(() => null);
  if (!info?.isFile()) throw notFound();
  res.type(
    file.endsWith('.md')
      ? 'text/markdown; charset=utf-8'
      : file.endsWith('.json')
        ? 'application/json'
        : 'text/plain',
  );
  await new Promise<void>((done, fail) =>
    res.sendFile(realFile, { dotfiles: 'allow' }, (err) => (err ? fail(err) : done())),
  );
}
