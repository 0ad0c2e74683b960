import { resolve } from 'node:path';
import { catalogFor, type Plan, type RunState, reduceRun } from '@baton/core';
import { RunArtifacts } from './artifacts/runArtifacts.js';
import { RunOutputs } from './artifacts/runOutputs.js';
import { realClock } from './clock/realClock.js';
import type { EngineLogger, RunHandle, StartRunOptions } from './contract.js';
import { createLocalDispatcher } from './dispatch/localDispatcher.js';
import { EventRecorder } from './events/eventRecorder.js';
import { stderrLogger } from './events/stderrLogger.js';
import { type RestoredRun, restoreRun } from './scheduler/restoreRun.js';
import { RunScheduler } from './scheduler/runScheduler.js';
import { StepReuse } from './scheduler/stepReuse.js';

/**
 * Start (or resume) a run of a compiled plan (docs/design.md §3). Events go to `onEvent` as they
 * happen, `run.queued` before this returns; `done` settles with the run's state, the fold of
 * all its events.
 */
export function startRun(options: StartRunOptions): RunHandle {
  const clock = options.clock ?? realClock;
  const previous = options.previousEvents ?? [];
  const logger = options.logger ?? stderrLogger;
  const recorder = new EventRecorder(options.runId, clock, options.onEvent, logger, previous);
  const restored = previous.length ? restoreRun(previous) : null;
  let resolveDone: (state: RunState) => void = () => {};
  const done = new Promise<RunState>((resolve) => {
    resolveDone = resolve;
  });
  const finish = () => resolveDone(reduceRun(recorder.events));

  const status = restored?.state.status;
  if (status === 'succeeded' || status === 'failed' || status === 'cancelled') {
    // Already over: nothing to run, nothing to add.
    finish();
    return { runId: options.runId, done, cancel: () => {}, artifactsDir: null };
  }

  const speed = options.speed !== undefined && options.speed > 0 ? options.speed : 1;
  const seed = options.seed ?? 0;
  const name = options.document.name ?? options.plan.name;
  const startedAtMs = restored?.state.startedAt ? Date.parse(restored.state.startedAt) : clock.now();
  const simulate = options.simulate === true;
  const workspace = resolve(options.workspace ?? process.cwd());
  const artifacts = openArtifacts(options.dataDir ?? null, name, startedAtMs, options.plan, restored, logger);
  const outputs = new RunOutputs(
    artifacts,
    recorder,
    clock,
    { runId: options.runId, name, startedAtMs, simulate, workspace },
    logger,
    new Set(restored?.artifactPaths ?? []),
  );
  const catalog = catalogFor(options.document.agents, options.agents);
  const scheduler = new RunScheduler({
    runId: options.runId,
    plan: options.plan,
    catalog,
    recorder,
    clock,
    dispatcher: options.dispatcher ?? createLocalDispatcher({ clock }),
    speed,
    seed,
    simulate,
    workspace,
    outputs,
    reuse: options.reuse ? new StepReuse(options.reuse, options.plan, catalog) : null,
    onEnd: finish,
    logger,
  });
  if (restored) scheduler.restore(restored);
  if (!restored) recorder.emit('run.queued');

  // The rest after the caller holds the handle (it may want to cancel, or store the id).
  queueMicrotask(() => {
    try {
      if (status !== 'running') {
        recorder.emit('run.started');
        outputs.context({ speed, seed });
      } else outputs.resumed({ speed, seed });
      scheduler.begin();
    } catch (error) {
      // Nothing the engine throws may reach the process hosting the run: the run fails instead.
      scheduler.fail(error);
    }
  });
  return {
    runId: options.runId,
    done,
    cancel: (reason?: string) => scheduler.cancel(reason ?? 'cancelled'),
    artifactsDir: outputs.dir,
  };
}

function openArtifacts(
  dataDir: string | null,
  name: string,
  startedAtMs: number,
  plan: Plan,
  restored: RestoredRun | null,
  logger: EngineLogger,
): RunArtifacts | null {
  if (!dataDir) return null;
  try {
    return restored?.contextPath
      ? RunArtifacts.reopen(dataDir, restored.contextPath, plan)
      : RunArtifacts.create(dataDir, name, startedAtMs, plan);
  } catch (error) {
    logger(`cannot create the run's artifact folder under ${dataDir}`, error);
    return null;
  }
}
