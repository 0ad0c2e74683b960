import { describe, expect, it } from 'vitest';
import { type RunEvent, stepIntervals } from '../src/index.js';

let seq = 0;
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
/** An event at second `s` of the run. */
const ev = (s: number, type: RunEvent['type'], extra: Record<string, unknown> = {}): RunEvent =>
  ({ seq: ++seq, runId: 'r', ts: at(s), type, ...extra }) as RunEvent;
const step = (stepId: string, attempt?: number) => ({
  stageId: stepId.split('.')[0],
  stepId,
  ...(attempt === undefined ? {} : { attempt }),
});
const finished = (summary: string, extra: Record<string, unknown> = {}) => ({
  summary,
  durationMs: 1000,
  result: { status: 'succeeded', output: summary },
  ...extra,
});

describe('stepIntervals: one bar per attempt for the timeline', () => {
  it('an attempt runs from its start to its end; retries and the fallback are attempts of their own', () => {
    seq = 0;
    const intervals = stepIntervals([
      ev(0, 'run.started'),
      ev(0, 'stage.started', { stageId: 'a' }),
      ev(0, 'step.queued', step('a.task.0')),
      ev(1, 'step.started', { ...step('a.task.0', 1), data: { agent: 'coder' } }),
      ev(1, 'step.log', { ...step('a.task.0', 1), data: { stream: 'stdout', line: 'working' } }),
      ev(2, 'step.retrying', { ...step('a.task.0', 1), data: { error: 'timeout', delayMs: 1000 } }),
      ev(3, 'step.started', { ...step('a.task.0', 2), data: { agent: 'coder' } }),
      ev(4, 'step.retrying', { ...step('a.task.0', 2), data: { error: 'boom', delayMs: 0, fallback: 'gp' } }),
      ev(4, 'step.started', { ...step('a.task.0', 3), data: { agent: 'gp', fallback: true } }),
      ev(5, 'step.started', { ...step('a.task.1', 1), data: { agent: 'tester' } }),
      ev(6, 'step.succeeded', { ...step('a.task.0', 3), data: finished('done') }),
      ev(7, 'step.failed', {
        ...step('a.task.1', 1),
        data: { summary: 'red', durationMs: 2000, result: { status: 'failed', output: '', error: 'red' } },
      }),
    ]);
    expect(intervals).toEqual([
      {
        stepId: 'a.task.0',
        stageId: 'a',
        attempt: 1,
        agent: 'coder',
        startTs: at(1),
        endTs: at(2),
        status: 'retrying',
        error: 'timeout',
      },
      {
        stepId: 'a.task.0',
        stageId: 'a',
        attempt: 2,
        agent: 'coder',
        startTs: at(3),
        endTs: at(4),
        status: 'retrying',
        error: 'boom',
      },
      {
        stepId: 'a.task.0',
        stageId: 'a',
        attempt: 3,
        agent: 'gp',
        startTs: at(4),
        endTs: at(6),
        status: 'succeeded',
      },
      {
        stepId: 'a.task.1',
        stageId: 'a',
        attempt: 1,
        agent: 'tester',
        startTs: at(5),
        endTs: at(7),
        status: 'failed',
        error: 'red',
      },
    ]);
  });

  it('a running attempt has no end; a cancelled one ends with its reason', () => {
    seq = 0;
    const events = [
      ev(0, 'step.started', { ...step('a.task.0', 1), data: { agent: 'x' } }),
      ev(1, 'step.started', { ...step('a.task.1', 1), data: { agent: 'y' } }),
      ev(2, 'step.cancelled', { ...step('a.task.1', 1), data: { reason: 'interrupted (Ctrl-C)' } }),
    ];
    expect(stepIntervals(events)).toEqual([
      { stepId: 'a.task.0', stageId: 'a', attempt: 1, agent: 'x', startTs: at(0), status: 'running' },
      {
        stepId: 'a.task.1',
        stageId: 'a',
        attempt: 1,
        agent: 'y',
        startTs: at(1),
        endTs: at(2),
        status: 'cancelled',
        error: 'interrupted (Ctrl-C)',
      },
    ]);
  });

  it('a reused step is a zero-length bar at its time; skipped steps and pure barriers have none', () => {
    seq = 0;
    const intervals = stepIntervals([
      ev(0, 'step.succeeded', { ...step('a.task.0'), data: finished('earlier', { reused: true }) }),
      ev(0, 'step.skipped', { ...step('a.task.1'), data: { reason: 'branch not taken' } }),
      ev(1, 'step.succeeded', {
        ...step('p.sync.0'),
        data: finished("barrier 'x' passed", { durationMs: 0 }),
      }),
      ev(1, 'step.cancelled', { ...step('a.task.2'), data: { reason: 'run cancelled' } }),
    ]);
    expect(intervals).toEqual([
      {
        stepId: 'a.task.0',
        stageId: 'a',
        attempt: 0,
        agent: null,
        startTs: at(0),
        endTs: at(0),
        status: 'reused',
      },
    ]);
  });

  it('a resumed run: the attempt a crash cut short ends where the next begins; repeated events count once', () => {
    seq = 0;
    const first = ev(0, 'step.started', { ...step('a.task.0', 1), data: { agent: 'x' } });
    const intervals = stepIntervals([
      first,
      first, // a resumed stream may repeat what it had sent
      ev(5, 'step.started', { ...step('a.task.0', 2), data: { agent: 'x' } }),
      ev(6, 'step.succeeded', { ...step('a.task.0', 2), data: finished('ok') }),
    ]);
    expect(intervals.map((i) => [i.attempt, i.status, i.startTs, i.endTs])).toEqual([
      [1, 'cancelled', at(0), at(5)],
      [2, 'succeeded', at(5), at(6)],
    ]);
    expect(intervals[0]?.error).toMatch(/interrupted/);
  });

  it('is ordered by start and takes any iterable', () => {
    seq = 0;
    function* log() {
      yield ev(0, 'step.started', { ...step('a.task.1', 1), data: { agent: 'x' } });
      yield ev(1, 'step.started', { ...step('a.task.0', 1), data: { agent: 'x' } });
      yield ev(2, 'step.succeeded', { ...step('a.task.0', 1), data: finished('ok') });
      yield ev(3, 'step.succeeded', { ...step('a.task.1', 1), data: finished('ok') });
    }
    expect(stepIntervals(log()).map((i) => i.stepId)).toEqual(['a.task.1', 'a.task.0']);
  });

  it('names the queue worker of each attempt, and marks an attempt lost when its worker stopped answering', () => {
    seq = 0;
    const log = (attempt: number, stream: 'info' | 'stdout', line: string) => ({
      ...step('a.task.0', attempt),
      data: { stream, line },
    });
    const events = [
      ev(0, 'step.started', { ...step('a.task.0', 1), data: { agent: 'coder' } }),
      ev(1, 'step.log', log(1, 'info', 'running on worker w1')),
      ev(3, 'step.retrying', {
        ...step('a.task.0', 1),
        data: {
          error: 'worker w1 stopped answering while it ran the step (its lock expired)',
          delayMs: 0,
          worker: 'w1',
          interrupted: true,
        },
      }),
      ev(3, 'step.started', { ...step('a.task.0', 2), data: { agent: 'coder' } }),
      // An agent's own output saying so is not the dispatcher's word.
      ev(4, 'step.log', log(2, 'stdout', 'running on worker w9')),
      ev(4, 'step.log', log(2, 'info', 'running on worker w2')),
    ];
    const running = stepIntervals(events);
    expect(running.map((i) => [i.attempt, i.status, i.worker, i.interrupted])).toEqual([
      [1, 'retrying', 'w1', true],
      // While it runs, the worker is the one the log named.
      [2, 'running', 'w2', undefined],
    ]);
    const ended = stepIntervals([
      ...events,
      ev(6, 'step.succeeded', { ...step('a.task.0', 2), data: finished('ok', { worker: 'w2' }) }),
    ]);
    expect(ended[1]).toMatchObject({ attempt: 2, status: 'succeeded', worker: 'w2', endTs: at(6) });
    expect(ended[1]).not.toHaveProperty('interrupted');
    expect(ended[0]?.error).toMatch(/w1 stopped answering/);
  });

  it("an end event's worker wins over the log line; a failed attempt keeps its worker and is not lost", () => {
    seq = 0;
    const intervals = stepIntervals([
      ev(0, 'step.started', { ...step('a.task.0', 1), data: { agent: 'coder' } }),
      ev(1, 'step.log', { ...step('a.task.0', 1), data: { stream: 'info', line: 'running on worker w1' } }),
      ev(2, 'step.retrying', { ...step('a.task.0', 1), data: { error: 'boom', delayMs: 10 } }),
      ev(3, 'step.started', { ...step('a.task.0', 2), data: { agent: 'coder' } }),
      // A log line of the attempt before does not name this one's worker.
      ev(3, 'step.log', { ...step('a.task.0', 1), data: { stream: 'info', line: 'running on worker w1' } }),
      ev(4, 'step.log', { ...step('a.task.0', 2), data: { stream: 'info', line: 'running on worker w1' } }),
      ev(5, 'step.failed', {
        ...step('a.task.0', 2),
        data: {
          summary: 'red',
          durationMs: 1000,
          worker: 'w2',
          result: { status: 'failed', output: '', error: 'red' },
        },
      }),
      ev(6, 'step.started', { ...step('a.task.1', 1), data: { agent: 'coder' } }),
      ev(7, 'step.succeeded', { ...step('a.task.1', 1), data: finished('ok') }),
    ]);
    expect(intervals.map((i) => [i.stepId, i.attempt, i.status, i.worker, i.interrupted])).toEqual([
      ['a.task.0', 1, 'retrying', 'w1', undefined],
      ['a.task.0', 2, 'failed', 'w2', undefined],
      // The local dispatcher: no worker at all.
      ['a.task.1', 1, 'succeeded', undefined, undefined],
    ]);
    expect(intervals[2]).not.toHaveProperty('worker');
  });
});
