import { type AgentCatalog, runtimeKindOf, type StepRetryingData, simulatedStandIn } from '@baton/core';
import type { StepInvocation, StepResult } from '../contract.js';
import type { EventRecorder } from '../events/eventRecorder.js';
import type { StepCall, StepControl } from './executeAttempts.js';
import { findingsOf } from './reviewRules.js';
import type { StepRun } from './stepRun.js';

export interface StepCallContext {
  runId: string;
  catalog: AgentCatalog;
  speed: number;
  seed: number;
  /** A dry run: every agent as its simulated stand-in. */
  simulate: boolean;
  workspace: string;
  recorder: EventRecorder;
  steps: ReadonlyMap<string, StepRun>;
}

/**
 * What `executeAttempts` needs to run one step: the invocation of each attempt (inputs,
 * handed-down artifacts and feedback gathered once, at launch) and the events it reports.
 */
export function stepCall(ctx: StepCallContext, s: StepRun, control: StepControl): StepCall {
  const { step, stage } = s;
  const { inputs, artifacts } = handedTo(ctx, s);
  const feedback = feedbackFor(s);
  const conditions =
    step.role === 'analyzer'
      ? stage.steps.filter((b) => b.step.role === 'branch').map((b) => b.step.condition ?? '')
      : undefined;
  const stageId = stage.stage.id;
  const stepId = step.id;
  return {
    control,
    agent: step.agent as string,
    retries: step.retries,
    fallbackAgent: step.fallbackAgent,
    timeoutMs: step.timeoutMs,
    nextAttempt: () => ++s.attempt,
    ...(s.inFlight === undefined ? {} : { inFlight: s.inFlight }),
    invocation: (agent, attempt): StepInvocation | string => {
      const definition = definitionOf(ctx, agent);
      if (!definition) return `unknown agent '${agent}': define it under "agents:" or in the agent registry`;
      const invocation: StepInvocation = {
        runId: ctx.runId,
        stepId,
        stageId,
        attempt,
        agent,
        definition,
        speed: ctx.speed,
        seed: ctx.seed,
        role: step.role,
        task: step.task,
        checklist: step.checklist,
        inputs,
        artifacts,
        round: s.round,
        timeoutMs: step.timeoutMs,
        workspace: ctx.workspace,
        key: `${ctx.runId}:${stepId}:${attempt}`,
      };
      if (ctx.simulate) invocation.simulated = true;
      if (feedback) invocation.feedback = feedback;
      if (conditions) invocation.conditions = conditions;
      // A revision goes on in the session of the round before (the result kept is that round's).
      if (s.round > 1 && s.result?.session) invocation.session = s.result.session;
      return invocation;
    },
    started: (attempt, agent, fallback) => {
      s.agent = agent;
      const data: { agent: string; fallback?: boolean; round?: number; simulated?: boolean } = { agent };
      if (fallback) data.fallback = true;
      const definition = definitionOf(ctx, agent);
      if (definition && runtimeKindOf(definition) === 'simulated') data.simulated = true;
      if (s.round > 1) data.round = s.round;
      ctx.recorder.emit('step.started', { stageId, stepId, attempt, data });
    },
    retrying: (attempt, error, delayMs, fallbackAgent, ran) => {
      const data: StepRetryingData = { error, delayMs };
      if (fallbackAgent) data.fallback = fallbackAgent;
      if (ran?.worker !== undefined) data.worker = ran.worker;
      if (ran?.interrupted) data.interrupted = true;
      ctx.recorder.emit('step.retrying', { stageId, stepId, attempt, data });
    },
    log: (attempt, stream, line) => {
      ctx.recorder.emit('step.log', { stageId, stepId, attempt, data: { stream, line } });
    },
  };
}

/** An agent's definition as this run calls it; own agents only (`constructor` is no agent). */
function definitionOf(ctx: StepCallContext, agent: string) {
  const definition = Object.hasOwn(ctx.catalog, agent) ? ctx.catalog[agent] : undefined;
  return definition && ctx.simulate ? simulatedStandIn(definition) : definition;
}

/** The results a step receives (docs/design.md §2.3 inputs) and the artifacts handed down to it. */
function handedTo(
  ctx: StepCallContext,
  s: StepRun,
): { inputs: Record<string, StepResult>; artifacts: Record<string, string> } {
  const inputs: Record<string, StepResult> = {};
  // No prototype: an artifact named `__proto__` or `constructor` is a key like any other.
  const artifacts: Record<string, string> = Object.create(null);
  for (const id of s.step.inputs) {
    const input = ctx.steps.get(id);
    if (input?.phase !== 'succeeded' || !input.result) continue;
    inputs[id] = input.result;
    if (input.step.produces) artifacts[input.step.produces] = input.result.output;
  }
  return { inputs, artifacts };
}

/** What a step running again is to address: its reviewers' or its validator's findings. */
function feedbackFor(s: StepRun): string[] | undefined {
  if (s.round <= 1) return undefined;
  const { step, stage } = s;
  let from: StepRun[] = [];
  if (step.role === 'primary') {
    from = stage.steps.filter((r) => r.step.role === 'reviewer' && r.result?.verdict === 'changes_requested');
  } else if (step.role === 'phase') {
    from = s.dependents.filter((v) => v.step.role === 'validator');
  }
  const findings = from.flatMap((r) => findingsOf(r.agent ?? r.step.agent ?? r.step.id, r.result));
  return findings.length ? findings : undefined;
}
