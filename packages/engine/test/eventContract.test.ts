import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BUILTIN_AGENTS,
  catalogFor,
  DEFAULT_SIMULATED_DURATION_MS,
  durationOf,
  estimate,
  parseRunEventJson,
  type RunEvent,
  stepFingerprints,
  stepIntervals,
} from '@baton/core';
import { describe, expect, it } from 'vitest';
import { agentsYaml, compileYaml, ofType, run, start } from './helpers.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
function examples(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return examples(path);
    return entry.name.endsWith('.baton.yaml') ? [path] : [];
  });
}

/** Every event as it crosses the wire (JSON), through core's guard: it must come back equal. */
function expectWireSafe(events: readonly RunEvent[]): void {
  for (const e of events) expect(parseRunEventJson(JSON.stringify(e))).toEqual(e);
}

describe('the typed event contract holds for what the engine emits', () => {
  it.each(examples(EXAMPLES).map((p) => p.slice(EXAMPLES.length)))(
    'every event of %s passes the guard',
    async (file) => {
      const { events, state } = await run(readFileSync(join(EXAMPLES, file), 'utf8'), { speed: 50 });
      expect(state.status).toBe('succeeded');
      expectWireSafe(events);
    },
  );

  it('so do the events of failures, retries, fallbacks and a cancel', async () => {
    const failing = await run(`version: 1
${agentsYaml({ flaky: 'duration: 1s, fail_rate: 1', helper: 'duration: 1s' })}stages:
  - id: s
    pattern: parallel_independent
    tasks:
      - { agent: flaky, retries: 1, fallback_agent: helper }
      - { agent: flaky, retries: 1, timeout: 500ms }
  - id: after
    pattern: parallel_independent
    tasks: [{ agent: helper }]
`);
    expect(failing.state.status).toBe('failed');
    const types = new Set(failing.events.map((e) => e.type));
    for (const t of [
      'step.retrying',
      'step.failed',
      'stage.failed',
      'stage.skipped',
      'step.skipped',
      'run.failed',
    ]) {
      expect(types).toContain(t);
    }
    expectWireSafe(failing.events);

    const cancelled = start(`version: 1
${agentsYaml({ slow: 'duration: 10s' })}stages:
  - id: s
    pattern: parallel_independent
    tasks: [{ agent: slow }]
`);
    await cancelled.clock.sleep(1000);
    cancelled.handle.cancel('user asked');
    await cancelled.handle.done;
    expect(ofType(cancelled.events, 'step.cancelled')).toHaveLength(1);
    expect(ofType(cancelled.events, 'run.cancelled')).toHaveLength(1);
    expectWireSafe(cancelled.events);
  });
});

describe('a retry that reuses results', () => {
  it('its events pass the guard; a reused step is a zero-length reused interval, the rest run', async () => {
    const yaml = (b: string) => `version: 1
${agentsYaml({ a: 'duration: 1s', b })}stages:
  - id: ship
    pattern: sequential_handoff
    parallel_execution: false
    tasks: [{ agent: a }, { agent: b }]
`;
    const first = compileYaml(yaml('duration: 1s, fail_rate: 1'));
    const earlier = await run(first);
    expect(earlier.state.status).toBe('failed');
    const fingerprints = stepFingerprints(first.plan, catalogFor(first.document.agents, BUILTIN_AGENTS));
    const { events, state } = await run(compileYaml(yaml('duration: 1s')), {
      reuse: { events: earlier.events, fingerprints },
    });
    expect(state.status).toBe('succeeded');
    expectWireSafe(events);
    const intervals = stepIntervals(events);
    expect(intervals.map((i) => [i.stepId, i.attempt, i.status])).toEqual([
      ['ship.task.0', 0, 'reused'],
      ['ship.task.1', 1, 'succeeded'],
    ]);
    expect(intervals[0]?.startTs).toBe(intervals[0]?.endTs);
  });
});

describe('one estimate rule: the estimate is what a simulated run takes', () => {
  it('agents without a duration: the estimate and the run both use the default', async () => {
    const yaml = `version: 1
${agentsYaml({ writer: 'jitter: 0', checker: 'jitter: 0' })}stages:
  - id: build
    pattern: sequential_handoff
    tasks: [{ agent: writer }, { agent: writer }]
  - id: check
    pattern: parallel_independent
    max_concurrent: 2
    tasks: [{ agent: checker }, { agent: checker }, { agent: checker }]
`;
    const compiled = compileYaml(yaml);
    const expected = estimate(
      compiled.plan,
      durationOf(catalogFor(compiled.document.agents, BUILTIN_AGENTS)),
    );
    expect(expected.makespanMs).toBe(4 * DEFAULT_SIMULATED_DURATION_MS);
    for (const speed of [1, 4]) {
      const { state } = await run(compiled, { speed });
      expect(state.status).toBe('succeeded');
      const took = Date.parse(state.finishedAt ?? '') - Date.parse(state.startedAt ?? '');
      expect(took).toBe(expected.makespanMs / speed);
      const atSpeed = durationOf(catalogFor(compiled.document.agents, BUILTIN_AGENTS), { speed });
      expect(estimate(compiled.plan, atSpeed).makespanMs).toBe(took);
    }
  });
});

describe('stepIntervals of a real run', () => {
  it('one interval per attempt, each as long as its agent took', async () => {
    const { events } = await run(`version: 1
${agentsYaml({ flaky: 'duration: 2s, fail_rate: 1', helper: 'duration: 1s' })}stages:
  - id: s
    pattern: parallel_independent
    tasks: [{ agent: flaky, retries: 1, fallback_agent: helper }]
`);
    const intervals = stepIntervals(events);
    expect(intervals.map((i) => [i.attempt, i.agent, i.status])).toEqual([
      [1, 'flaky', 'retrying'],
      [2, 'flaky', 'retrying'],
      [3, 'helper', 'succeeded'],
    ]);
    expect(intervals.map((i) => Date.parse(i.endTs ?? '') - Date.parse(i.startTs))).toEqual([
      2000, 2000, 1000,
    ]);
    expect(intervals).toHaveLength(ofType(events, 'step.started').length);
  });
});
