import { RUN_EVENT_TYPES, type RunEvent, type RunEventType } from './events.js';

/**
 * The one guard at the wire (docs/design.md §3.1): JSON from an SSE stream, an NDJSON log or a stored
 * row becomes a `RunEvent` whose fields and payload readers can trust, or a clear error.
 * Hand-written checks, no schema library: it runs for every event in the browser (500+ per
 * second). Unknown extra keys are let through (a newer writer may add some); a field the
 * contract names must have its type.
 */

/** What is wrong with a value that is not a run event; the message names the event and the field. */
export class RunEventParseError extends Error {
  override readonly name = 'RunEventParseError';
  /** The event's `seq` and `type`, when they could be read. */
  readonly seq: number | undefined;
  readonly eventType: RunEventType | undefined;

  constructor(message: string, seq?: number, eventType?: RunEventType, options?: { cause?: unknown }) {
    super(message, options);
    this.seq = seq;
    this.eventType = eventType;
  }
}

type Data = Record<string, unknown>;
/** A payload check: `null` when the payload is good, else what is wrong with it. */
type Check = (data: Data) => string | null;

const TYPES: ReadonlySet<string> = new Set(RUN_EVENT_TYPES);

const isObject = (value: unknown): value is Data =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

/** 1 for a step's first attempt; 0 is let through (a step stopped before its first began). */
const isAttempt = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

function string(d: Data, key: string): string | null {
  return typeof d[key] === 'string' ? null : `data.${key} must be a string`;
}
function optionalString(d: Data, key: string): string | null {
  return d[key] === undefined || typeof d[key] === 'string' ? null : `data.${key} must be a string`;
}
function optionalBoolean(d: Data, key: string): string | null {
  return d[key] === undefined || typeof d[key] === 'boolean' ? null : `data.${key} must be a boolean`;
}
function nonNegative(d: Data, key: string, optional: boolean): string | null {
  const v = d[key];
  if (v === undefined && optional) return null;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0
    ? null
    : `data.${key} must be a number of milliseconds (0 or more)`;
}
function optionalRound(d: Data): string | null {
  return d.round === undefined || isPositiveInteger(d.round) ? null : 'data.round must be a positive integer';
}
function strings(value: unknown, path: string): string | null {
  if (!Array.isArray(value)) return `${path} must be a list of strings`;
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') return `${path}[${i}] must be a string`;
  }
  return null;
}
function isVerdict(value: unknown): boolean {
  return value === 'approve' || value === 'changes_requested';
}

/** The step result carried by `step.succeeded` and `step.failed` (docs/design.md §3.2). */
function stepResult(value: unknown): string | null {
  if (!isObject(value)) return 'data.result must be an object';
  if (value.status !== 'succeeded' && value.status !== 'failed') {
    return "data.result.status must be 'succeeded' or 'failed'";
  }
  if (typeof value.output !== 'string') return 'data.result.output must be a string';
  if (value.condition !== undefined && typeof value.condition !== 'string') {
    return 'data.result.condition must be a string';
  }
  if (value.verdict !== undefined && !isVerdict(value.verdict)) {
    return "data.result.verdict must be 'approve' or 'changes_requested'";
  }
  if (value.findings !== undefined) {
    const wrong = strings(value.findings, 'data.result.findings');
    if (wrong) return wrong;
  }
  if (value.error !== undefined && typeof value.error !== 'string')
    return 'data.result.error must be a string';
  return null;
}

/** The end of a step: what any of its four ends may carry. */
function stepEnded(d: Data): string | null {
  return (
    optionalString(d, 'summary') ??
    optionalString(d, 'error') ??
    optionalString(d, 'reason') ??
    optionalBoolean(d, 'reused') ??
    nonNegative(d, 'durationMs', true)
  );
}
const stepFinished: Check = (d) =>
  string(d, 'summary') ??
  nonNegative(d, 'durationMs', false) ??
  stepEnded(d) ??
  optionalString(d, 'worker') ??
  stepResult(d.result);
const stepStopped: Check = (d) => string(d, 'reason') ?? stepEnded(d);
const withError: Check = (d) => string(d, 'error');
const withReason: Check = (d) => string(d, 'reason');

/**
 * Per type: `undefined` for a type without a payload (none may be sent), else its check;
 * `optional` where the engine sends a payload only sometimes.
 */
const PAYLOAD: Record<RunEventType, { check: Check; optional?: boolean } | undefined> = {
  'run.queued': undefined,
  'run.started': undefined,
  'run.succeeded': undefined,
  'run.failed': { check: withError },
  'run.cancelled': { check: withReason },
  'stage.started': undefined,
  'stage.succeeded': undefined,
  'stage.failed': { check: withError },
  'stage.skipped': { check: withReason },
  'step.queued': { check: optionalRound, optional: true },
  'step.started': {
    check: (d) =>
      (d.agent === null || typeof d.agent === 'string' ? null : 'data.agent must be a string or null') ??
      optionalBoolean(d, 'fallback') ??
      optionalBoolean(d, 'simulated') ??
      optionalRound(d),
  },
  'step.log': {
    check: (d) =>
      (d.stream === 'stdout' || d.stream === 'stderr' || d.stream === 'info'
        ? null
        : "data.stream must be 'stdout', 'stderr' or 'info'") ?? string(d, 'line'),
  },
  'step.retrying': {
    check: (d) =>
      string(d, 'error') ??
      nonNegative(d, 'delayMs', true) ??
      optionalString(d, 'fallback') ??
      optionalString(d, 'worker') ??
      optionalBoolean(d, 'interrupted'),
  },
  'step.succeeded': { check: stepFinished },
  'step.failed': { check: stepFinished },
  'step.skipped': { check: stepStopped },
  'step.cancelled': { check: stepStopped },
  'artifact.created': { check: (d) => string(d, 'name') ?? string(d, 'path') },
  'branch.selected': {
    check: (d) =>
      string(d, 'condition') ??
      (d.stepId === null || typeof d.stepId === 'string' ? null : 'data.stepId must be a string or null'),
  },
  'barrier.passed': { check: (d) => string(d, 'name') },
  'review.verdict': {
    check: (d) =>
      (isVerdict(d.verdict) ? null : "data.verdict must be 'approve' or 'changes_requested'") ??
      strings(d.findings, 'data.findings') ??
      (isPositiveInteger(d.round) ? null : 'data.round must be a positive integer'),
  },
};

function fail(what: string, seq?: number, type?: RunEventType): never {
  const name = `event${seq === undefined ? '' : ` #${seq}`}${type === undefined ? '' : ` (${type})`}`;
  throw new RunEventParseError(`${name}: ${what}`, seq, type);
}

/**
 * `value` as a run event: checks the base fields (`seq` a positive integer, `runId` and `ts`
 * strings, `type` one of `RUN_EVENT_TYPES`, `stageId`/`stepId` strings and `attempt` an
 * integer (0 or more) when present) and the payload of its type. Returns the value itself (no
 * copy); throws a `RunEventParseError` saying what is wrong.
 */
export function parseRunEvent(value: unknown): RunEvent {
  assertRunEvent(value);
  return value;
}

function assertRunEvent(value: unknown): asserts value is RunEvent {
  if (!isObject(value)) {
    fail(
      `must be an object, not ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}`,
    );
  }
  const seq = isPositiveInteger(value.seq) ? value.seq : undefined;
  const type =
    typeof value.type === 'string' && TYPES.has(value.type) ? (value.type as RunEventType) : undefined;
  if (seq === undefined) fail('seq must be a positive integer', undefined, type);
  if (type === undefined) {
    const shown = typeof value.type === 'string' ? `'${value.type.slice(0, 40)}'` : String(value.type);
    fail(`type ${shown} is not an event type`, seq);
  }
  if (typeof value.runId !== 'string') fail('runId must be a string', seq, type);
  if (typeof value.ts !== 'string') fail('ts must be a string', seq, type);
  if (value.stageId !== undefined && typeof value.stageId !== 'string')
    fail('stageId must be a string', seq, type);
  if (value.stepId !== undefined && typeof value.stepId !== 'string')
    fail('stepId must be a string', seq, type);
  if (value.attempt !== undefined && !isAttempt(value.attempt))
    fail('attempt must be an integer (0 or more)', seq, type);
  const payload = PAYLOAD[type];
  const data = value.data;
  if (!payload) {
    if (data !== undefined) fail('carries no data', seq, type);
  } else if (data === undefined) {
    if (!payload.optional) fail('data is missing', seq, type);
  } else if (!isObject(data)) {
    fail('data must be an object', seq, type);
  } else {
    const wrong = payload.check(data);
    if (wrong !== null) fail(wrong, seq, type);
  }
}

/** One line of an SSE `data:` field or an NDJSON log, parsed and checked (see `parseRunEvent`). */
export function parseRunEventJson(text: string): RunEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
    throw new RunEventParseError(
      `event: not JSON (${error instanceof Error ? error.message : String(error)}): ${shown}`,
      undefined,
      undefined,
      { cause: error },
    );
  }
  return parseRunEvent(value);
}
