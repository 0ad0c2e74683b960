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

/**
 * Distinct file names within one folder, one per key: keys whose sanitised names collide
 * (`a/b` and `a_b`, or `A` and `a` on a case-insensitive disk) get `-2`, `-3`… so that no
 * artifact overwrites another. A key may name its file after something else (a handoff's step id
 * keys it, its artifact name names it: two steps producing `spec` get `spec` and `spec-2`).
 * Keys given up front (the plan's, in order) get the same names on every run of the plan, a
 * resumed one included.
 */
export class DistinctNames {
  private readonly used = new Set<string>();
  private readonly byKey = new Map<string, string>();

  constructor(
    private readonly fallback: string,
    keys: Iterable<string | readonly [key: string, name: string]> = [],
  ) {
    for (const entry of keys) {
      if (typeof entry === 'string') this.of(entry);
      else this.of(entry[0], entry[1]);
    }
  }

  /** The file name of `key`, made from `name` the first time it is asked for. */
  of(key: string, name = key): string {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const base = safeName(name, this.fallback);
    let file = base;
    for (let n = 2; this.used.has(file.toLowerCase()); n++) file = `${base}-${n}`;
    this.used.add(file.toLowerCase());
    this.byKey.set(key, file);
    return file;
  }
}
