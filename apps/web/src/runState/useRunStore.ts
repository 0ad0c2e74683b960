import { emptyRunState, type RunEvent, type RunState } from '@baton/core';
import { create } from 'zustand';
import type { RunDetail } from '../api/client';
import { stateAtPosition } from './replayPosition';

/** How the live stream stands: shown beside the run, so an interrupted view never passes for live. */
export type Connection = 'idle' | 'connecting' | 'live' | 'interrupted' | 'ended';

/**
 * The run shown on the canvas (docs/design.md §1: the browser's run state is the same fold as the
 * server's). `events` are every event received, in `seq` order; `state` is core's `reduceRun`
 * of the first `position` of them, nothing else. Live, `position` follows the end; a replay
 * moves it.
 */
export interface RunViewState {
  runId: string | null;
  detail: RunDetail | null;
  events: RunEvent[];
  /** Each step's events, in order (its log, its attempts), for the drawer. */
  byStep: Map<string, RunEvent[]>;
  position: number;
  /** The position stays at the end as events arrive (live), rather than where a replay left it. */
  following: boolean;
  state: RunState;
  connection: Connection;
  /** What keeps the view from being complete (an unreadable event, the run's record not loaded). */
  problem: string | null;

  open(runId: string | null): void;
  setDetail(detail: RunDetail): void;
  append(events: readonly RunEvent[]): void;
  seek(position: number): void;
  setConnection(connection: Connection, problem?: string): void;
  setProblem(problem: string | null): void;
}

const initial = () => ({
  detail: null,
  events: [],
  byStep: new Map<string, RunEvent[]>(),
  position: 0,
  following: true,
  state: emptyRunState(),
  connection: 'idle' as Connection,
  problem: null,
});

export const useRunStore = create<RunViewState>()((set, get) => ({
  runId: null,
  ...initial(),

  open(runId) {
    if (get().runId === runId) return;
    set({ runId, ...initial() });
  },

  setDetail(detail) {
    if (detail.id === get().runId) set({ detail, problem: null });
  },

  append(batch) {
    const s = get();
    const lastSeq = s.events.at(-1)?.seq ?? 0;
    // A resumed stream may repeat what was seen; a foreign run's event is not this run's.
    const fresh = batch.filter((e) => e.seq > lastSeq && e.runId === s.runId);
    if (!fresh.length) return;
    const events = s.events.concat(fresh);
    // One new list per step the batch touches (a node's drawer re-reads only its own).
    const added = new Map<string, RunEvent[]>();
    for (const e of fresh) {
      if (!e.stepId) continue;
      const list = added.get(e.stepId);
      if (list) list.push(e);
      else added.set(e.stepId, [e]);
    }
    const byStep = new Map(s.byStep);
    for (const [id, list] of added) byStep.set(id, (s.byStep.get(id) ?? []).concat(list));
    if (!s.following) {
      set({ events, byStep });
      return;
    }
    const state = stateAtPosition(events, events.length, { position: s.position, state: s.state });
    set({ events, byStep, position: events.length, state });
  },

  seek(position) {
    const s = get();
    const to = Math.max(0, Math.min(Math.round(position), s.events.length));
    if (to === s.position) {
      set({ following: to === s.events.length });
      return;
    }
    const state = stateAtPosition(s.events, to, { position: s.position, state: s.state });
    set({ position: to, state, following: to === s.events.length });
  },

  setConnection(connection, problem) {
    set(problem === undefined ? { connection } : { connection, problem });
  },

  setProblem(problem) {
    set({ problem });
  },
}));

/** The seq of the last event folded into the shown state (0 before any). */
export const shownSeq = (s: RunViewState): number => s.events[s.position - 1]?.seq ?? 0;
