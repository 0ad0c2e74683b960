import { describe, expect, it } from 'vitest';
import {
  type AgentInfo,
  BUILTIN_AGENTS,
  catalogFor,
  compile,
  DEFAULT_SIMULATED_DURATION_MS,
  durationOf,
  estimate,
  expectedDurationMs,
  parse,
  REAL_AGENT_DURATION_GUESS_MS,
  runsSimulated,
} from '../src/index.js';

const agent = (runtime?: AgentInfo['runtime']): AgentInfo => ({
  name: 'a',
  source: 'inline',
  ...(runtime ? { runtime } : {}),
});

describe('expectedDurationMs: one estimate rule', () => {
  it('a simulated agent takes its duration; without one, what the simulated runtime waits (1 s)', () => {
    expect(DEFAULT_SIMULATED_DURATION_MS).toBe(1000);
    expect(expectedDurationMs(agent({ kind: 'simulated', duration: '2.5s', jitter: 0.2 }))).toBe(2500);
    expect(expectedDurationMs(agent({ kind: 'simulated', duration: 300 }))).toBe(300);
    expect(expectedDurationMs(agent({ kind: 'simulated' }))).toBe(DEFAULT_SIMULATED_DURATION_MS);
    // An agent without a runtime runs simulated (the local dispatcher's rule).
    expect(expectedDurationMs(agent())).toBe(DEFAULT_SIMULATED_DURATION_MS);
    expect(runsSimulated(agent())).toBe(true);
  });

  it('the run’s speed divides simulated durations only', () => {
    expect(expectedDurationMs(agent({ kind: 'simulated', duration: '2s' }), { speed: 4 })).toBe(500);
    expect(expectedDurationMs(agent({ kind: 'simulated' }), { speed: 0 })).toBe(1000); // not a speed
    const command = agent({ kind: 'command', command: ['make', 'test'] });
    expect(expectedDurationMs(command, { speed: 4 })).toBe(REAL_AGENT_DURATION_GUESS_MS);
  });

  it('a real agent, or one nobody knows, gets the documented guess: a minute', () => {
    expect(REAL_AGENT_DURATION_GUESS_MS).toBe(60_000);
    expect(expectedDurationMs(agent({ kind: 'http', url: 'http://localhost:1/agent' }))).toBe(60_000);
    expect(expectedDurationMs(undefined)).toBe(60_000);
    expect(runsSimulated(undefined)).toBe(false);
    expect(runsSimulated(agent({ kind: 'command', command: ['x'] }))).toBe(false);
  });

  it('durationOf: 0 for a step without an agent; catalog lookups are own names only', () => {
    const of = durationOf(BUILTIN_AGENTS);
    const step = (agentName: string | null) => ({ agent: agentName }) as Parameters<typeof of>[0];
    expect(of(step(null))).toBe(0);
    expect(of(step(''))).toBe(0);
    expect(of(step('pytest-test-master'))).toBe(2500);
    expect(of(step('constructor'))).toBe(REAL_AGENT_DURATION_GUESS_MS);
  });

  it('an example run of simulated agents without a duration is estimated at the runtime’s default', () => {
    const { document } = parse(`version: 1
agents:
  writer: { runtime: { kind: simulated } }
  checker: { runtime: { kind: simulated, jitter: 0.3 } }
stages:
  - id: build
    pattern: sequential_handoff
    tasks: [{ agent: writer }, { agent: writer }]
  - id: check
    pattern: parallel_independent
    tasks: [{ agent: checker }, { agent: checker }, { agent: checker }]
`);
    const { plan, issues } = compile(document!);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const catalog = catalogFor(document!.agents);
    const e = estimate(plan, durationOf(catalog));
    // Two in a row, then three at once: three times what one simulated agent waits.
    expect(e.makespanMs).toBe(3 * DEFAULT_SIMULATED_DURATION_MS);
    expect(e.totalWorkMs).toBe(5 * DEFAULT_SIMULATED_DURATION_MS);
    expect(estimate(plan, durationOf(catalog, { speed: 10 })).makespanMs).toBe(300);
  });
});
