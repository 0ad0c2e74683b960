import { describe, expect, it } from 'vitest';
import {
  parseRunEvent,
  parseRunEventJson,
  RUN_EVENT_TYPES,
  type RunEvent,
  RunEventParseError,
  type RunEventType,
} from '../src/index.js';

const base = { seq: 12, runId: 'r1', ts: '2026-01-01T00:00:00.000Z' };
const result = { status: 'succeeded', output: 'done' };

/** A well-formed event of every type, with the payload the engine sends. */
const GOOD: Record<RunEventType, Record<string, unknown>> = {
  'run.queued': {},
  'run.started': {},
  'run.succeeded': {},
  'run.failed': { data: { error: "stage 'a' failed" } },
  'run.cancelled': { data: { reason: 'interrupted (Ctrl-C)' } },
  'stage.started': { stageId: 'a' },
  'stage.succeeded': { stageId: 'a' },
  'stage.failed': { stageId: 'a', data: { error: "'a.task.0' failed: boom" } },
  'stage.skipped': { stageId: 'b', data: { reason: "needs stage 'a', which failed" } },
  'step.queued': { stageId: 'a', stepId: 'a.task.0', data: { round: 2 } },
  'step.started': {
    stageId: 'a',
    stepId: 'a.task.0',
    attempt: 1,
    data: { agent: 'x', fallback: true, round: 2 },
  },
  'step.log': { stageId: 'a', stepId: 'a.task.0', attempt: 1, data: { stream: 'stderr', line: 'hi' } },
  'step.retrying': { stepId: 'a.task.0', attempt: 1, data: { error: 'boom', delayMs: 2000, fallback: 'gp' } },
  'step.succeeded': {
    stepId: 'a.task.0',
    attempt: 2,
    data: {
      summary: 'done',
      durationMs: 1000,
      result: { ...result, condition: 'c', verdict: 'approve', findings: ['f'] },
    },
  },
  'step.failed': {
    stepId: 'a.task.0',
    attempt: 2,
    data: {
      summary: 'boom',
      durationMs: 0,
      error: 'boom',
      result: { status: 'failed', output: '', error: 'boom' },
    },
  },
  'step.skipped': { stepId: 'a.task.1', data: { reason: "'a.task.0' failed" } },
  'step.cancelled': { stepId: 'a.task.1', attempt: 1, data: { reason: 'cancelled' } },
  'artifact.created': { stepId: 'a.task.0', data: { name: 'report', path: '.artifacts/x/report.md' } },
  'branch.selected': { stageId: 'c', data: { condition: 'none', stepId: null } },
  'barrier.passed': { stageId: 'p', stepId: 'p.sync.0', data: { name: 'contract' } },
  'review.verdict': {
    stepId: 'r.reviewer.0',
    data: { verdict: 'changes_requested', findings: [], round: 1 },
  },
};

const event = (type: RunEventType, extra: Record<string, unknown> = GOOD[type]) => ({
  ...base,
  type,
  ...extra,
});
const message = (value: unknown): string => {
  try {
    parseRunEvent(value);
  } catch (error) {
    expect(error).toBeInstanceOf(RunEventParseError);
    return (error as Error).message;
  }
  throw new Error('parsed');
};

describe('parseRunEvent: the guard at the wire', () => {
  it.each(RUN_EVENT_TYPES)('passes a well-formed %s event through, the same object', (type) => {
    const value = event(type);
    expect(parseRunEvent(value)).toBe(value);
    expect(parseRunEventJson(JSON.stringify(value))).toEqual(value);
  });

  it('lets optional payloads and fields be absent, and unknown keys through', () => {
    expect(() => parseRunEvent(event('step.queued', { stepId: 's' }))).not.toThrow();
    expect(() => parseRunEvent(event('step.started', { data: { agent: null } }))).not.toThrow();
    expect(() => parseRunEvent(event('step.retrying', { data: { error: 'x' } }))).not.toThrow();
    expect(() => parseRunEvent({ ...event('run.started'), extra: 1 })).not.toThrow();
    const reused = { summary: 'ok', durationMs: 5, result, reused: true, from: 'r0' };
    expect(() => parseRunEvent(event('step.succeeded', { data: reused }))).not.toThrow();
    expect(() => parseRunEvent(event('step.cancelled', { attempt: 0, data: { reason: 'x' } }))).not.toThrow();
  });

  it('names the event and what is wrong with its base fields', () => {
    expect(message(null)).toBe('event: must be an object, not null');
    expect(message([1])).toBe('event: must be an object, not a list');
    expect(message('x')).toBe('event: must be an object, not string');
    expect(message({ ...event('run.started'), seq: 0 })).toBe(
      'event (run.started): seq must be a positive integer',
    );
    expect(message({ ...event('run.started'), seq: 1.5 })).toBe(
      'event (run.started): seq must be a positive integer',
    );
    expect(message({ ...event('run.started'), seq: '12' })).toBe(
      'event (run.started): seq must be a positive integer',
    );
    expect(message({ ...base, type: 'step.exploded' })).toBe(
      "event #12: type 'step.exploded' is not an event type",
    );
    expect(message({ ...base })).toBe('event #12: type undefined is not an event type');
    expect(message({ ...event('run.started'), runId: 7 })).toBe(
      'event #12 (run.started): runId must be a string',
    );
    expect(message({ ...event('run.started'), ts: undefined })).toBe(
      'event #12 (run.started): ts must be a string',
    );
    expect(message({ ...event('stage.started'), stageId: null })).toBe(
      'event #12 (stage.started): stageId must be a string',
    );
    expect(message({ ...event('step.log'), stepId: 3 })).toBe(
      'event #12 (step.log): stepId must be a string',
    );
    expect(message({ ...event('step.log'), attempt: -1 })).toBe(
      'event #12 (step.log): attempt must be an integer (0 or more)',
    );
    expect(message({ ...event('step.log'), attempt: '1' })).toBe(
      'event #12 (step.log): attempt must be an integer (0 or more)',
    );
  });

  it('checks each payload enough that readers can trust it', () => {
    const bad: [RunEventType, unknown, string][] = [
      ['run.started', { x: 1 }, 'carries no data'],
      ['run.failed', undefined, 'data is missing'],
      ['run.failed', 'boom', 'data must be an object'],
      ['run.failed', [], 'data must be an object'],
      ['run.failed', {}, 'data.error must be a string'],
      ['run.cancelled', { reason: 1 }, 'data.reason must be a string'],
      ['stage.failed', { error: null }, 'data.error must be a string'],
      ['stage.skipped', {}, 'data.reason must be a string'],
      ['step.queued', { round: 0 }, 'data.round must be a positive integer'],
      ['step.started', {}, 'data.agent must be a string or null'],
      ['step.started', { agent: 'a', fallback: 'yes' }, 'data.fallback must be a boolean'],
      ['step.log', { stream: 'stdout', line: 42 }, 'data.line must be a string'],
      ['step.log', { stream: 'err', line: 'x' }, "data.stream must be 'stdout', 'stderr' or 'info'"],
      [
        'step.retrying',
        { error: 'x', delayMs: -5 },
        'data.delayMs must be a number of milliseconds (0 or more)',
      ],
      ['step.retrying', { error: 'x', fallback: true }, 'data.fallback must be a string'],
      ['step.succeeded', { durationMs: 1, result }, 'data.summary must be a string'],
      [
        'step.succeeded',
        { summary: '', result },
        'data.durationMs must be a number of milliseconds (0 or more)',
      ],
      ['step.succeeded', { summary: '', durationMs: 1 }, 'data.result must be an object'],
      [
        'step.succeeded',
        { summary: '', durationMs: 1, result: { status: 'ok', output: '' } },
        "data.result.status must be 'succeeded' or 'failed'",
      ],
      [
        'step.failed',
        { summary: '', durationMs: 1, result: { status: 'failed' } },
        'data.result.output must be a string',
      ],
      [
        'step.succeeded',
        { summary: '', durationMs: 1, result: { ...result, findings: ['a', 2] } },
        'data.result.findings[1] must be a string',
      ],
      [
        'step.succeeded',
        { summary: '', durationMs: 1, result: { ...result, verdict: 'maybe' } },
        "data.result.verdict must be 'approve' or 'changes_requested'",
      ],
      [
        'step.succeeded',
        { summary: '', durationMs: 1, result, reused: 'yes' },
        'data.reused must be a boolean',
      ],
      ['step.skipped', {}, 'data.reason must be a string'],
      ['step.cancelled', { reason: 'x', summary: 3 }, 'data.summary must be a string'],
      ['artifact.created', { name: 'report' }, 'data.path must be a string'],
      ['branch.selected', { condition: 'c', stepId: 3 }, 'data.stepId must be a string or null'],
      ['branch.selected', { stepId: null }, 'data.condition must be a string'],
      ['barrier.passed', {}, 'data.name must be a string'],
      [
        'review.verdict',
        { verdict: 'ok', findings: [], round: 1 },
        "data.verdict must be 'approve' or 'changes_requested'",
      ],
      [
        'review.verdict',
        { verdict: 'approve', findings: 'none', round: 1 },
        'data.findings must be a list of strings',
      ],
      [
        'review.verdict',
        { verdict: 'approve', findings: [], round: 0 },
        'data.round must be a positive integer',
      ],
    ];
    for (const [type, data, what] of bad) {
      expect(message({ ...base, type, ...(data === undefined ? {} : { data }) })).toBe(
        `event #12 (${type}): ${what}`,
      );
    }
  });

  it('turns a line that is not JSON into the same error', () => {
    expect(() => parseRunEventJson('{"seq": 1,')).toThrow(RunEventParseError);
    expect(() => parseRunEventJson('{"seq": 1,')).toThrow(/^event: not JSON \(.+\): \{"seq": 1,$/);
    expect(() => parseRunEventJson('')).toThrow(RunEventParseError);
    expect(() => parseRunEventJson('null')).toThrow('event: must be an object, not null');
    const error = (() => {
      try {
        parseRunEventJson(JSON.stringify({ ...base, type: 'step.log', data: { stream: 'stdout' } }));
      } catch (e) {
        return e as RunEventParseError;
      }
    })();
    expect(error?.message).toBe('event #12 (step.log): data.line must be a string');
    expect(error?.seq).toBe(12);
    expect(error?.eventType).toBe('step.log');
    expect(error?.name).toBe('RunEventParseError');
  });

  it('narrows: a parsed event is typed by its type', () => {
    const e: RunEvent = parseRunEventJson(JSON.stringify(event('step.log')));
    if (e.type !== 'step.log') throw new Error('wrong type');
    const line: string = e.data.line;
    expect(line).toBe('hi');
  });

  it('is fast enough for a live stream: 100,000 events well under a second', () => {
    const lines = RUN_EVENT_TYPES.map((t) => JSON.stringify(event(t)));
    const values = lines.map((l) => JSON.parse(l) as unknown);
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) parseRunEvent(values[i % values.length]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
