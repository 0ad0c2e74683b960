import { parseRunEventJson, type RunEvent } from '@baton/core';

export interface RunStreamHandlers {
  /** Events as they arrive, each checked by core's guard. */
  onEvent(event: RunEvent): void;
  onOpen(): void;
  /** The connection dropped; the stream is closed, and the caller opens a new one to resume. */
  onInterrupted(): void;
  /** The run is over and every event was sent (`event: end`). */
  onEnd(): void;
  /** A message that is not a run event: reported, skipped. */
  onBadEvent(message: string): void;
}

/**
 * The run's server-sent events (docs/design.md §4), transport only: it opens `/api/runs/:id/events`
 * after `afterSeq` and closes on the first error. Returns a function that closes it.
 */
export function openRunStream(runId: string, afterSeq: number, handlers: RunStreamHandlers): () => void {
  const url = `/api/runs/${encodeURIComponent(runId)}/events${afterSeq > 0 ? `?after=${afterSeq}` : ''}`;
  const source = new EventSource(url);
  let closed = false;
  const close = () => {
    closed = true;
    source.close();
  };
  source.onopen = () => handlers.onOpen();
  source.onerror = () => {
    if (closed) return;
    // Not left to the browser's own reconnect: the caller resumes after the last event it
    // folded (`?after=`), which is what the view shows, whatever the browser last parsed.
    close();
    handlers.onInterrupted();
  };
  source.onmessage = (message: MessageEvent<string>) => {
    try {
      handlers.onEvent(parseRunEventJson(message.data));
    } catch (error) {
      handlers.onBadEvent(error instanceof Error ? error.message : String(error));
    }
  };
  source.addEventListener('end', () => {
    close();
    handlers.onEnd();
  });
  return close;
}
