import type { RunEvent, RunEventDataMap, RunEventOf, RunEventType } from '@baton/core';
import type { Clock, EngineLogger } from '../contract.js';

/** What an event of type `K` is given besides its type: ids, attempt, and its payload (core's map). */
export type EventFields<K extends RunEventType> = {
  stageId?: string;
  stepId?: string;
  attempt?: number;
} & (K extends RunEventType
  ? undefined extends RunEventDataMap[K]
    ? { data?: Exclude<RunEventDataMap[K], undefined> }
    : { data: RunEventDataMap[K] }
  : never);

/** The fields may be left out for a type whose payload is optional (or that has none). */
type EmitArgs<K extends RunEventType> = undefined extends RunEventDataMap[K]
  ? [fields?: EventFields<K>]
  : [fields: EventFields<K>];

/**
 * Numbers and timestamps every event, hands it to the caller synchronously, and keeps the
 * log: the run's state is the fold of that log (core's `reduceRun`).
 */
export class EventRecorder {
  readonly events: RunEvent[];
  private seq: number;
  /** The last timestamp made: events come in bursts within one millisecond. */
  private lastMs = Number.NaN;
  private lastIso = '';

  constructor(
    private readonly runId: string,
    private readonly clock: Clock,
    private readonly onEvent: (event: RunEvent) => void,
    private readonly logger: EngineLogger,
    previous: readonly RunEvent[] = [],
  ) {
    this.events = [...previous];
    this.seq = previous.reduce((max, e) => Math.max(max, e.seq), 0);
  }

  /** Record an event of `type`, its payload typed by core's `RunEventDataMap`. */
  emit<K extends RunEventType>(type: K, ...[fields = {} as EventFields<K>]: EmitArgs<K>): RunEventOf<K> {
    const now = this.clock.now();
    if (now !== this.lastMs) {
      this.lastMs = now;
      this.lastIso = new Date(now).toISOString();
    }
    // Built key by key; what `fields` allows for `K` is what `RunEventOf<K>` has.
    const event = { seq: ++this.seq, runId: this.runId, ts: this.lastIso, type } as RunEventOf<K>;
    // Absent keys stay absent: the log is stored and streamed, so every byte counts.
    if (fields.stageId !== undefined) event.stageId = fields.stageId;
    if (fields.stepId !== undefined) event.stepId = fields.stepId;
    if (fields.attempt !== undefined) event.attempt = fields.attempt;
    if (fields.data !== undefined) event.data = fields.data;
    this.events.push(event);
    try {
      this.onEvent(event);
    } catch (error) {
      // A failing listener must not wedge the run half-way; it is told in the log instead.
      this.logger(`the event listener threw on ${type} #${event.seq}`, error);
    }
    return event;
  }
}
