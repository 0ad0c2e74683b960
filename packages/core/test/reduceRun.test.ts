import { describe, expect, it } from 'vitest';
import { applyEvent, emptyRunState, type RunEvent, reduceRun } from '../src/index.js';

let seq = 0;
const ev = (type: RunEvent['type'], extra: Partial<RunEvent> = {}): RunEvent => ({
  seq: ++seq,
  runId: 'r1',
  ts: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
  type,
  ...extra,
});

describe('reduceRun folds a run’s events into its state', () => {
  it('tracks run, stage and step status, attempts, verdicts, branches and barriers', () => {
    seq = 0;
    const events = [
      ev('run.queued'),
      ev('run.started'),
      ev('stage.started', { stageId: 's' }),
      ev('step.queued', { stageId: 's', stepId: 's.primary' }),
      ev('step.started', { stageId: 's', stepId: 's.primary', attempt: 1, data: { agent: 'a' } }),
      ev('step.log', { stageId: 's', stepId: 's.primary', data: { stream: 'stdout', line: 'hi' } }),
      ev('step.retrying', { stageId: 's', stepId: 's.primary', attempt: 1, data: { error: 'boom' } }),
      ev('step.started', {
        stageId: 's',
        stepId: 's.primary',
        attempt: 2,
        data: { agent: 'general-purpose', fallback: true },
      }),
      ev('step.succeeded', { stageId: 's', stepId: 's.primary', attempt: 2, data: { summary: 'done' } }),
      ev('review.verdict', {
        stageId: 's',
        stepId: 's.reviewer.0',
        data: { verdict: 'approve', findings: [], round: 1 },
      }),
      ev('branch.selected', { stageId: 'c', data: { condition: 'x', stepId: 'c.branch.0' } }),
      ev('step.skipped', { stageId: 'c', stepId: 'c.branch.1', data: { reason: 'branch not taken' } }),
      ev('barrier.passed', { stageId: 'p', stepId: 'p.sync.0', data: { name: 'contract' } }),
      ev('artifact.created', {
        stageId: 's',
        stepId: 's.primary',
        data: { name: 'report', path: 'agent-reports/s.primary.md' },
      }),
      ev('stage.succeeded', { stageId: 's' }),
      ev('run.failed', { data: { error: 'stage c failed' } }),
    ];
    const state = reduceRun(events);
    expect(state.status).toBe('failed');
    expect(state.error).toBe('stage c failed');
    expect(state.lastSeq).toBe(events.length);
    expect(state.stages.s?.status).toBe('succeeded');
    expect(state.steps['s.primary']).toMatchObject({
      status: 'succeeded',
      attempt: 2,
      agent: 'general-purpose',
      summary: 'done',
      logLines: 1,
    });
    expect(state.steps['s.primary']?.error).toBeUndefined();
    expect(state.steps['s.reviewer.0']?.verdict).toBe('approve');
    expect(state.steps['c.branch.1']).toMatchObject({ status: 'skipped', error: 'branch not taken' });
    expect(state.branches.c).toEqual({ condition: 'x', stepId: 'c.branch.0' });
    expect(state.barriers.p).toEqual(['contract']);
    expect(state.artifacts).toHaveLength(1);
  });

  it('applyEvent is copy-on-write: untouched steps keep their identity', () => {
    seq = 0;
    const a = reduceRun([
      ev('step.started', { stepId: 'x', attempt: 1 }),
      ev('step.started', { stepId: 'y', attempt: 1 }),
    ]);
    const b = applyEvent(a, ev('step.succeeded', { stepId: 'y' }));
    expect(b).not.toBe(a);
    expect(b.steps.x).toBe(a.steps.x);
    expect(b.steps.y).not.toBe(a.steps.y);
    expect(a.steps.y?.status).toBe('running');
  });

  it('an event already folded (a repeated seq) changes nothing', () => {
    seq = 0;
    const started = ev('step.started', { stepId: 'x', attempt: 1 });
    const state = reduceRun([started]);
    expect(applyEvent(state, started)).toBe(state);
  });

  it('a step whose result was reused shows as reused', () => {
    seq = 0;
    const state = reduceRun([ev('step.succeeded', { stepId: 'x', data: { reused: true } })]);
    expect(state.steps.x?.status).toBe('reused');
    expect(emptyRunState().status).toBe('queued');
  });
});

describe('reduceRun keeps the round a step is in', () => {
  it('from a queued revision and a later verdict, for the node to show', () => {
    seq = 0;
    const state = reduceRun([
      ev('step.queued', { stageId: 's', stepId: 's.primary', data: { round: 2 } }),
      ev('step.started', { stageId: 's', stepId: 's.reviewer.0', attempt: 1, data: { agent: 'r' } }),
      ev('review.verdict', {
        stageId: 's',
        stepId: 's.reviewer.0',
        data: { verdict: 'changes_requested', findings: ['x'], round: 2 },
      }),
    ]);
    expect(state.steps['s.primary']?.round).toBe(2);
    expect(state.steps['s.reviewer.0']?.round).toBe(2);
    expect(state.steps['s.reviewer.0']?.verdict).toBe('changes_requested');
  });
});
