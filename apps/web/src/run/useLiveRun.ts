import type { RunEvent } from '@baton/core';
import { useEffect } from 'react';
import { ApiRequestError, api } from '../api/client';
import { keys, queryClient } from '../api/queries';
import { openRunStream } from '../api/runEventSource';
import { useRunStore } from '../runState/useRunStore';
import { createFrameBatcher } from './frameBatcher';

const REOPEN_MS = 1000;
const DETAIL_RETRY_MS = 1500;

/**
 * Show the run of the address: its record (the YAML it ran, drawn as its own plan) and its
 * events, live or replayed from the store, folded once per animation frame. A dropped stream
 * resumes after the last event folded, so nothing is missed or folded twice.
 */
export function useLiveRun(runId: string | null): void {
  useEffect(() => {
    const store = useRunStore.getState();
    store.open(runId);
    if (!runId) return;
    let stopped = false;
    let closeStream: () => void = () => {};
    let reopen: ReturnType<typeof setTimeout> | undefined;
    const batcher = createFrameBatcher<RunEvent>((events) => useRunStore.getState().append(events));
    const lastSeq = () => useRunStore.getState().events.at(-1)?.seq ?? 0;
    let retryDetail: ReturnType<typeof setTimeout> | undefined;
    // The run's record (its YAML: the plan drawn) is asked for until it answers; a run that
    // does not exist stops everything.
    const refresh = (): Promise<void> =>
      api
        .run(runId)
        .then((detail) => {
          if (stopped) return;
          useRunStore.getState().setDetail(detail);
          if (detail.orchestrationId) {
            void queryClient.invalidateQueries({ queryKey: keys.runs(detail.orchestrationId) });
          }
          void queryClient.invalidateQueries({ queryKey: keys.list, exact: true });
        })
        .catch((error: unknown) => {
          if (stopped) return;
          if (error instanceof ApiRequestError && error.status === 404) {
            stopped = true;
            closeStream();
            clearTimeout(reopen);
            useRunStore.getState().setConnection('ended', `there is no run ${runId}: ${error.message}`);
            return;
          }
          useRunStore.getState().setProblem(`the run could not be loaded: ${messageOf(error)} (retrying)`);
          retryDetail = setTimeout(() => void refresh(), DETAIL_RETRY_MS);
        });

    const connect = () => {
      useRunStore.getState().setConnection('connecting');
      closeStream = openRunStream(runId, lastSeq(), {
        onEvent: (event) => batcher.push(event),
        onOpen: () => useRunStore.getState().setConnection('live'),
        onInterrupted: () => {
          batcher.flush();
          if (stopped) return;
          useRunStore.getState().setConnection('interrupted');
          reopen = setTimeout(connect, REOPEN_MS);
        },
        onEnd: () => {
          batcher.flush();
          useRunStore.getState().setConnection('ended');
          void refresh();
        },
        onBadEvent: (message) => useRunStore.getState().setProblem(`an event could not be read: ${message}`),
      });
    };
    void refresh();
    connect();
    return () => {
      stopped = true;
      closeStream();
      clearTimeout(reopen);
      clearTimeout(retryDetail);
      batcher.dispose();
    };
  }, [runId]);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
