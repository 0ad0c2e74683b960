import { parseRunEventJson, type RunEvent } from '@baton/core';

export interface RunStreamHandlers {
  /** Events as they arrive, each checked by core's guard. */
  onEvent(event: RunEvent): void;
  onOpen(): void;
  /**
   * The connection dropped. With `retrying` the browser reconnects by itself, resuming after
   * the last id it saw (`Last-Event-ID`); without, the caller opens a new stream.
   */
  onInterrupted(retrying: boolean): void;
  /** The run is over and every event was sent (`event: end`). */
  onEnd(): void;
  /** A message that is not a run event: reported, skipped. */
  onBadEvent(message: string): void;
}

/**
 * The run's server-sent events (DESIGN §4), transport only: it opens `/api/runs/:id/events`
 * after `afterSeq`, and an interrupted stream resumes by itself from the last `id:` seen
 * (`Last-Event-ID`). Returns a function that closes it.
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
    // CLOSED: the browser gave up (the server answered with an error); else it is retrying.
    handlers.onInterrupted(source.readyState !== EventSource.CLOSED);
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
