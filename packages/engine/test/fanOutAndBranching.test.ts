import { describe, expect, it } from 'vitest';
import { agentsYaml, first, forStep, ms, ofType, run, stepStatus } from './helpers.js';

const fan = (agents: Record<string, string>, parallel = true) => `version: 1
${agentsYaml(agents)}stages:
  - id: auth
    pattern: fan_out_fan_in
    fan_out:
      agent: svc
      tasks: [api_gateway, user_service, task_service, billing]
      parallel: ${parallel}
    fan_in: { agent: integ, task: Integration tests }
`;

describe('fan_out_fan_in', () => {
  it('gives the fan-in every fan-out result, once all of them succeeded', async () => {
    const { events, invocations, state } = await run(
      fan({ svc: 'duration: 1s, jitter: 0.5', integ: 'duration: 1s' }),
    );
    expect(state.status).toBe('succeeded');
    const fanIn = invocations.find((i) => i.stepId === 'auth.fanin');
    expect(Object.keys(fanIn?.inputs ?? {}).sort()).toEqual([
      'auth.fanout.0',
      'auth.fanout.1',
      'auth.fanout.2',
      'auth.fanout.3',
    ]);
    for (let i = 0; i < 4; i++) {
      const out = invocations.find((x) => x.stepId === `auth.fanout.${i}`);
      expect(out?.task).toBe(['api_gateway', 'user_service', 'task_service', 'billing'][i]);
      expect(fanIn?.inputs[`auth.fanout.${i}`]?.output).toContain(out?.task);
    }
    const lastOut = Math.max(
      ...ofType(events, 'step.succeeded')
        .filter((e) => e.stepId !== 'auth.fanin')
        .map(ms),
    );
    expect(ms(first(events, 'auth.fanin', 'step.started'))).toBe(lastOut);
    expect(
      new Set(
        ofType(events, 'step.started')
          .filter((e) => e.stepId !== 'auth.fanin')
          .map(ms),
      ).size,
    ).toBe(1);
  });

  it('runs the fan-out one at a time when not parallel', async () => {
    const { events } = await run(fan({ svc: 'duration: 1s', integ: 'duration: 1s' }, false));
    expect(ofType(events, 'step.started').map(ms)).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('skips the fan-in when a fan-out step failed', async () => {
    const { events, state } = await run(
      fan({ svc: 'duration: 1s, fail_rate: 0.5, seed: 3', integ: 'duration: 1s' }),
    );
    const failed = ofType(events, 'step.failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(4);
    expect(stepStatus(state, 'auth.fanin')).toBe('skipped');
    expect(forStep(events, 'auth.fanin', 'step.started')).toHaveLength(0);
    expect(state.status).toBe('failed');
  });
});

const branching = (condition: string, withDefault: boolean) => `version: 1
${agentsYaml({ analyst: `duration: 1s, condition: ${condition}`, cleaner: 'duration: 2s', commenter: 'duration: 1s', fallback: 'duration: 1s' })}stages:
  - id: quality
    pattern: conditional_branching
    conditional_logic:
      analyzer: analyst
      analyzer_task: Analyse the codebase
      branches:
        - { condition: high_complexity, agent: cleaner }
        - { condition: simple_cleanup, agent: commenter }
${withDefault ? '        - { condition: default, agent: fallback }\n' : ''}`;

describe('conditional_branching', () => {
  it('runs exactly the branch the analyzer’s condition selects; the others are skipped', async () => {
    const { events, invocations, state } = await run(branching('simple_cleanup', true));
    expect(state.status).toBe('succeeded');
    expect(ofType(events, 'branch.selected').map((e) => e.data)).toEqual([
      { condition: 'simple_cleanup', stepId: 'quality.branch.1' },
    ]);
    expect(invocations.map((i) => i.stepId)).toEqual(['quality.analyzer', 'quality.branch.1']);
    expect(stepStatus(state, 'quality.branch.0')).toBe('skipped');
    expect(stepStatus(state, 'quality.branch.2')).toBe('skipped');
    expect(stepStatus(state, 'quality.branch.1')).toBe('succeeded');
    expect(state.branches.quality).toEqual({ condition: 'simple_cleanup', stepId: 'quality.branch.1' });
    expect(invocations[0]?.conditions).toEqual(['high_complexity', 'simple_cleanup', 'default']);
  });

  it('takes the default branch when no condition matches', async () => {
    const { invocations, state } = await run(branching('something_else', true));
    expect(state.status).toBe('succeeded');
    expect(invocations.map((i) => i.stepId)).toEqual(['quality.analyzer', 'quality.branch.2']);
    expect(state.branches.quality?.stepId).toBe('quality.branch.2');
  });

  it('fails the stage without a match or default, naming the condition and those offered', async () => {
    const { events, state } = await run(branching('something_else', false));
    expect(state.status).toBe('failed');
    expect(state.stages.quality?.error).toBe(
      "the analyzer returned condition 'something_else', which no branch matches (offered: 'high_complexity', 'simple_cleanup') and there is no default branch",
    );
    expect(ofType(events, 'step.skipped').map((e) => e.stepId)).toEqual([
      'quality.branch.0',
      'quality.branch.1',
    ]);
    expect(first(events, 'quality.branch.0', 'step.skipped').seq).toBeGreaterThan(
      first(events, 'quality.analyzer', 'step.succeeded').seq,
    );
  });
});
