import { RUN_EVENT_TYPES, reduceRun } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { agentsYaml, first, forStep, ms, ofType, peakConcurrency, run, stepStatus } from './helpers.js';

const pipeline = (agents: Record<string, string>, defaults = '') => `version: 1
${defaults}${agentsYaml(agents)}stages:
  - id: build
    pattern: parallel_independent
    tasks: [{ agent: builder }, { agent: builder }]
  - id: review
    needs: [build]
    pattern: primary_with_reviewers
    primary_agent: dev
    reviewer_agents: [arch]
  - id: docs
    needs: []
    pattern: sequential_handoff
    parallel_execution: false
    tasks: [{ agent: writer }, { agent: writer }]
  - id: ship
    pattern: parallel_independent
    tasks: [{ agent: dev }]
`;

const ok = { builder: 'duration: 2s', dev: 'duration: 1s', arch: 'duration: 1s', writer: 'duration: 3s' };

describe('stages', () => {
  it('run in order by default, concurrently when their needs allow, and hand exit results on', async () => {
    const { events, invocations, state } = await run(pipeline(ok));
    expect(state.status).toBe('succeeded');
    const started = (id: string) => ms(ofType(events, 'stage.started').find((e) => e.stageId === id)!);
    expect(started('build')).toBe(0);
    expect(started('docs')).toBe(0); // needs: [] starts at once, beside build
    expect(started('review')).toBe(2000);
    // ship has no needs: it waits for the stage before it (docs), which ends at 6s.
    expect(started('ship')).toBe(6000);
    const primary = invocations.find((i) => i.stepId === 'review.primary');
    expect(Object.keys(primary?.inputs ?? {}).sort()).toEqual(['build.task.0', 'build.task.1']);
  });

  it('a failed stage skips the stages that need it, while independent stages finish', async () => {
    const { events, state } = await run(pipeline({ ...ok, builder: 'duration: 2s, fail_rate: 1' }));
    expect(state.status).toBe('failed');
    expect(state.stages.build?.status).toBe('failed');
    expect(state.stages.review?.status).toBe('skipped');
    expect(state.stages.docs?.status).toBe('succeeded');
    expect(state.stages.ship?.status).toBe('succeeded');
    expect(stepStatus(state, 'review.primary')).toBe('skipped');
    expect(stepStatus(state, 'review.reviewer.0')).toBe('skipped');
    expect(ofType(events, 'stage.skipped')[0]?.data).toEqual({ reason: "needs stage 'build', which failed" });
    expect(state.error).toBe("stage 'build' failed: 'build.task.0' failed: simulated failure (fail_rate 1)");
  });

  it('a run-wide max_concurrent bounds the steps running across stages', async () => {
    const { events, state } = await run(pipeline(ok, 'defaults: { max_concurrent: 2 }\n'));
    expect(state.status).toBe('succeeded');
    expect(peakConcurrency(events, () => 'all').get('all')).toBe(2);
    // docs.task.0 waits for a slot: build takes both at 0s.
    expect(ms(first(events, 'docs.task.0', 'step.queued'))).toBe(0);
    expect(ms(first(events, 'docs.task.0', 'step.started'))).toBe(2000);
  });
});

describe('events', () => {
  it('are numbered 1… without a gap, start queued then started, and fold into the run state', async () => {
    const { events, state } = await run(pipeline(ok));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.slice(0, 2).map((e) => e.type)).toEqual(['run.queued', 'run.started']);
    expect(events.at(-1)?.type).toBe('run.succeeded');
    for (const e of events) {
      expect(RUN_EVENT_TYPES).toContain(e.type);
      expect(e.runId).toBe('test-run');
    }
    expect(state).toEqual(reduceRun(events));
    expect(state.lastSeq).toBe(events.length);
    const ended = first(events, 'build.task.0', 'step.succeeded');
    expect(ended.attempt).toBe(1);
    expect(ended.data).toMatchObject({ durationMs: 2000, result: { status: 'succeeded' } });
    expect(first(events, 'build.task.0', 'step.started').data).toEqual({ agent: 'builder', simulated: true });
  });

  it('are the same for the same file and seed, and differ with another seed', async () => {
    const jittery = {
      ...ok,
      builder: 'duration: 2s, jitter: 0.5, fail_rate: 0.3',
      writer: 'duration: 3s, jitter: 0.5',
    };
    const strip = (es: { type: string; stepId?: string; ts: string; data?: unknown }[]) =>
      es.map((e) => [e.type, e.stepId, e.ts, JSON.stringify(e.data)]);
    const a = await run(pipeline(jittery), { seed: 7 });
    const b = await run(pipeline(jittery), { seed: 7 });
    const c = await run(pipeline(jittery), { seed: 8 });
    expect(strip(a.events)).toEqual(strip(b.events));
    expect(strip(a.events)).not.toEqual(strip(c.events));
  });

  it('speed divides simulated durations', async () => {
    const slow = await run(pipeline(ok));
    const fast = await run(pipeline(ok), { speed: 4 });
    const end = (es: typeof slow.events) => ms(es.at(-1)!);
    expect(end(slow.events)).toBe(7000);
    expect(end(fast.events)).toBe(1750);
  });

  it('logs a simulated failure and keeps each step’s events in its own order', async () => {
    const { events } = await run(pipeline({ ...ok, writer: 'duration: 3s, fail_rate: 1' }));
    const types = forStep(events, 'docs.task.0').map((e) => e.type);
    expect(types).toEqual(['step.queued', 'step.started', 'step.log', 'step.failed']);
    expect(first(events, 'docs.task.0', 'step.log').data).toEqual({
      stream: 'info',
      line: 'simulated failure (fail_rate 1)',
    });
  });
});

describe('the run’s error', () => {
  it('names the stage that failed, not one listed earlier that was skipped because of it', async () => {
    const { state } = await run(`version: 1
${agentsYaml({ ok: 'duration: 1s', bad: 'duration: 1s, fail_rate: 1' })}stages:
  - { id: report, needs: [build], pattern: parallel_independent, tasks: [{ agent: ok }] }
  - { id: build, needs: [], pattern: parallel_independent, tasks: [{ agent: bad }] }
`);
    expect(state.stages.report?.status).toBe('skipped');
    expect(state.error).toBe("stage 'build' failed: 'build.task.0' failed: simulated failure (fail_rate 1)");
  });
});
