import {
  type AgentCatalog,
  BUILTIN_AGENTS,
  compile,
  formatDiagnostic,
  type Orchestration,
  type Plan,
  type RunEvent,
  type RunState,
  validate,
} from '@baton/core';
import {
  type Clock,
  createLocalDispatcher,
  type Dispatcher,
  type RunHandle,
  type StartRunOptions,
  type StepInvocation,
  startRun,
  VirtualClock,
} from '@baton/engine';

export interface Compiled {
  document: Orchestration;
  plan: Plan;
}

/** A YAML orchestration, validated and compiled; a test file with an error fails loudly. */
export function compileYaml(yaml: string, agents: AgentCatalog = BUILTIN_AGENTS): Compiled {
  const result = validate(yaml, { agents });
  if (!result.ok || !result.document || !result.plan) {
    throw new Error(
      `invalid test orchestration:\n${result.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}`,
    );
  }
  return { document: result.document, plan: result.plan };
}

/**
 * A plan past what a user's file may hold (YAML_LIMITS): a small YAML file grown in code by
 * `grow`, compiled without the plan limits. For the engine's own tests of deep plans.
 */
export function compileGrown(
  yaml: string,
  grow: (document: Orchestration) => void,
  agents: AgentCatalog = BUILTIN_AGENTS,
): Compiled {
  const { document } = compileYaml(yaml, agents);
  grow(document);
  const { plan, issues } = compile(document, {
    agents,
    limits: { maxSteps: Number.POSITIVE_INFINITY, maxHandoffs: Number.POSITIVE_INFINITY },
  });
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length)
    throw new Error(`invalid grown orchestration: ${errors.map((e) => e.message).join('; ')}`);
  return { document, plan };
}

export interface TestRun {
  handle: RunHandle;
  events: RunEvent[];
  invocations: StepInvocation[];
  clock: Clock;
}

/** Start a run (virtual time unless a clock is given), recording its events and every agent call. */
export function start(
  yaml: string | Compiled,
  options: Partial<Omit<StartRunOptions, 'onEvent'>> & { agentsCatalog?: AgentCatalog } = {},
): TestRun {
  const compiled = typeof yaml === 'string' ? compileYaml(yaml, options.agentsCatalog) : yaml;
  const clock = options.clock ?? new VirtualClock();
  const events: RunEvent[] = [];
  const invocations: StepInvocation[] = [];
  const inner: Dispatcher = options.dispatcher ?? createLocalDispatcher({ clock });
  const dispatcher: Dispatcher = {
    execute(invocation, context) {
      invocations.push(invocation);
      return inner.execute(invocation, context);
    },
  };
  const { agentsCatalog, ...rest } = options;
  const handle = startRun({
    runId: 'test-run',
    agents: agentsCatalog ?? BUILTIN_AGENTS,
    ...rest,
    document: compiled.document,
    plan: compiled.plan,
    clock,
    dispatcher,
    onEvent: (e) => events.push(e),
  });
  return { handle, events, invocations, clock };
}

/** Run to the end. */
export async function run(
  yaml: string | Compiled,
  options: Parameters<typeof start>[1] = {},
): Promise<TestRun & { state: RunState }> {
  const r = start(yaml, options);
  const state = await r.handle.done;
  return { ...r, state };
}

export const ofType = (events: readonly RunEvent[], type: RunEvent['type']) =>
  events.filter((e) => e.type === type);
export const forStep = (events: readonly RunEvent[], stepId: string, type?: RunEvent['type']) =>
  events.filter((e) => e.stepId === stepId && (type === undefined || e.type === type));
export const first = (events: readonly RunEvent[], stepId: string, type: RunEvent['type']) => {
  const e = events.find((x) => x.stepId === stepId && x.type === type);
  if (!e) throw new Error(`no ${type} for ${stepId}`);
  return e;
};
export const ms = (e: RunEvent) => Date.parse(e.ts);
export const stepStatus = (state: RunState, id: string) => state.steps[id]?.status;

/** Inline simulated agents for a test file: `agents:` YAML with one line per agent. */
export function agentsYaml(defs: Record<string, string>): string {
  return `agents:\n${Object.entries(defs)
    .map(([name, runtime]) => `  ${name}: { runtime: { kind: simulated, ${runtime} } }`)
    .join('\n')}\n`;
}

/** Most steps running at once, per key (stage id or 'all'), from started/ended events. */
export function peakConcurrency(
  events: readonly RunEvent[],
  key: (e: RunEvent) => string,
): Map<string, number> {
  const running = new Map<string, Set<string>>();
  const peak = new Map<string, number>();
  for (const e of events) {
    if (!e.stepId) continue;
    const k = key(e);
    const set = running.get(k) ?? new Set<string>();
    running.set(k, set);
    if (e.type === 'step.started') set.add(e.stepId);
    if (e.type === 'step.succeeded' || e.type === 'step.failed' || e.type === 'step.cancelled')
      set.delete(e.stepId);
    peak.set(k, Math.max(peak.get(k) ?? 0, set.size));
  }
  return peak;
}
