import type { FileForm, Orchestration } from '@baton/core';
import type { XY } from '../shared/geometry';
import type { Snapshot } from './history';

/**
 * Unsaved work kept in the browser until it is saved: the model itself (it may not be valid
 * YAML yet, e.g. a slot still empty), the text it was parsed from (its comments), and the
 * version it started from (a save over a newer version is a conflict, not an overwrite).
 */
export interface Draft {
  document: Orchestration;
  sourceText: string | null;
  preferredForm: FileForm;
  /** Text typed in the YAML tab that did not parse (absent in drafts from before it was kept). */
  unparsedText?: string | null;
  baseVersion: number | null;
  savedAt: string;
}

/** The draft of what is open now. */
export function draftOf(snapshot: Snapshot, baseVersion: number | null): Draft {
  return {
    document: snapshot.document,
    sourceText: snapshot.source?.text ?? null,
    preferredForm: snapshot.preferredForm,
    unparsedText: snapshot.unparsedText ?? null,
    baseVersion,
    savedAt: new Date().toISOString(),
  };
}

const draftKey = (id: string | null) => `baton:draft:${id ?? 'new'}`;
const layoutKey = (id: string | null) => `baton:layout:${id ?? 'new'}`;

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the editor still works, only crash recovery is lost.
  }
}

export const readDraft = (id: string | null) => {
  const draft = read<Draft>(draftKey(id));
  return draft && Array.isArray(draft.document?.stages) ? draft : null;
};
export const writeDraft = (id: string | null, draft: Draft) => write(draftKey(id), draft);
export const clearDraft = (id: string | null) => localStorage.removeItem(draftKey(id));

export const readLayout = (id: string | null) => read<Record<string, XY>>(layoutKey(id)) ?? {};
export const writeLayout = (id: string | null, positions: Record<string, XY>) =>
  write(layoutKey(id), positions);
export const clearLayout = (id: string | null) => localStorage.removeItem(layoutKey(id));

/**
 * Unsaved new orchestrations put aside when "New" opened an empty one: offered there to be
 * restored, newest first, until restored or discarded. Capped, the oldest going first.
 */
const SET_ASIDE_KEY = 'baton:drafts:set-aside';
export const SET_ASIDE_LIMIT = 20;

export const readSetAside = (): Draft[] => {
  const list = read<Draft[]>(SET_ASIDE_KEY);
  return Array.isArray(list) ? list.filter((d) => Array.isArray(d?.document?.stages)) : [];
};

export function setAside(draft: Draft) {
  const rest = readSetAside().filter((d) => d.savedAt !== draft.savedAt);
  write(SET_ASIDE_KEY, [draft, ...rest].slice(0, SET_ASIDE_LIMIT));
}

export function removeSetAside(savedAt: string) {
  write(
    SET_ASIDE_KEY,
    readSetAside().filter((d) => d.savedAt !== savedAt),
  );
}
