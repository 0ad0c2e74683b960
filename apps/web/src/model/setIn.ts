import type { ModelPath, Orchestration } from '@baton/core';

type Container = Record<string, unknown> | unknown[];

function copyOf(value: unknown, nextKey: string | number): Container {
  if (Array.isArray(value)) return value.slice();
  if (value !== null && typeof value === 'object') return { ...(value as Record<string, unknown>) };
  return typeof nextKey === 'number' ? [] : {};
}

/**
 * A copy of the document with the value at `path` set, copying only the containers along the
 * path. `undefined` removes the key (or the array item), so a cleared field leaves no trace in the
 * file: the Inspector edits every key through this.
 */
export function setIn(document: Orchestration, path: ModelPath, value: unknown): Orchestration {
  if (path.length === 0) return value as Orchestration;
  const root = copyOf(document, path[0] as string | number);
  let parent: Container = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string | number;
    const child = copyOf((parent as Record<string | number, unknown>)[key], path[i + 1] as string | number);
    (parent as Record<string | number, unknown>)[key] = child;
    parent = child;
  }
  const last = path[path.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete (parent as Record<string, unknown>)[last as string];
  } else {
    (parent as Record<string | number, unknown>)[last] = value;
  }
  return root as Orchestration;
}

/** The value at a model path, or `undefined`. */
export function getIn(value: unknown, path: ModelPath): unknown {
  let at: unknown = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}
