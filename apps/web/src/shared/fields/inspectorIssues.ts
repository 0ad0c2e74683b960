import { type ModelPath, type Orchestration, schemas } from '@baton/core';
import { createContext, useContext } from 'react';
import { pathKey } from './modelBinding';

/** Issues by model path, for the fields the Inspector shows: `max_concurrent must be at least 1`. */
export type IssueMap = ReadonlyMap<string, string>;

export const IssuesContext = createContext<IssueMap>(new Map());

export const useFieldIssue = (path: ModelPath) => useContext(IssuesContext).get(pathKey(path)) ?? null;

/**
 * Check a stage against its pattern's schema (core's zod schema: the same rules the file obeys)
 * and collect the compiler's issues inside it, each under the path of the field it concerns.
 */
export function stageIssues(
  document: Orchestration,
  index: number,
  compiled: readonly { path: ModelPath; message: string }[],
): IssueMap {
  const map = new Map<string, string>();
  const stage = document.stages[index];
  if (!stage) return map;
  const base: ModelPath = ['stages', index];
  const result = schemas.stageSchemas[stage.pattern].safeParse(stage);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = pathKey([...base, ...(issue.path as (string | number)[])]);
      if (!map.has(key)) map.set(key, issue.message);
    }
  }
  for (const issue of compiled) {
    if (issue.path[0] !== 'stages' || issue.path[1] !== index) continue;
    const key = pathKey(issue.path);
    if (!map.has(key)) map.set(key, issue.message);
  }
  return map;
}

/** The same for the orchestration's own keys (name, defaults). */
export function documentIssues(
  document: Orchestration,
  compiled: readonly { path: ModelPath; message: string }[],
): IssueMap {
  const map = new Map<string, string>();
  const result = schemas.defaultsSchema.safeParse(document.defaults ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      map.set(pathKey(['defaults', ...(issue.path as (string | number)[])]), issue.message);
    }
  }
  for (const issue of compiled) {
    if (issue.path[0] === 'stages') continue;
    const key = pathKey(issue.path);
    if (!map.has(key)) map.set(key, issue.message);
  }
  return map;
}
