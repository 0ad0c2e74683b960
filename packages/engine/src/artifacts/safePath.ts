import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * A file or folder name made safe: letters, digits, `.`, `_` and `-` only, no leading dot,
 * no `..`, at most 120 characters. Step ids (`stage.task.0`) pass unchanged.
 */
export function safeName(name: string, fallback = 'unnamed'): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/\.{2,}/g, '_')
    .replace(/^[.]+/, '')
    .slice(0, 120);
  return cleaned || fallback;
}

/** An orchestration's name as a folder name (the seed's `.artifacts/<orchestration>/`). */
export function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return s || 'orchestration';
}

/** `root/…parts`, refusing any path that would land outside `root`. */
export function inside(root: string, ...parts: string[]): string {
  const base = resolve(root);
  const path = resolve(base, ...parts);
  const rel = relative(base, path);
  if (!rel || rel.startsWith('..') || rel.split(sep).includes('..') || isAbsolute(rel)) {
    throw new Error(`refusing a path outside the run's artifact folder: ${parts.join('/')}`);
  }
  return path;
}
