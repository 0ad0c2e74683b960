import type {
  AgentCatalog,
  AgentInfo,
  Orchestration,
  Plan,
  RunEvent,
  RunState,
  StepResult,
  StepRole,
} from '@baton/core';

/**
 * The engine's public contract: what the server and the CLI call. Both run the very same
 * engine (Rivet-style: one core, headless or in an app), so a run behaves alike everywhere.
 */

/** Time as the engine sees it: real in production, virtual in tests and benchmarks. */
export interface Clock {
  now(): number;
  /** Resolves after `ms` (virtual or real); rejects with the signal's reason if aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Optional, cheaper than `sleep` for the engine's many timers (a timeout per step):
   * calls `callback` after `ms` unless the returned function is called first.
   */
  timer?(ms: number, callback: () => void): () => void;
}

export interface StartRunOptions {
  runId: string;
  document: Orchestration;
  plan: Plan;
  /** Registry agents (built-ins, agent files); the document's inline agents are laid over them. */
  agents: AgentCatalog;
  /** Divides every simulated duration and retry backoff (docs/design.md §3.3). Default 1. */
  speed?: number;
  /**
   * Mixed into every simulated agent's own seed: the same file and seed give the same run;
   * another seed draws other jitter and failures. Default 0.
   */
  seed?: number;
  clock?: Clock;
  /**
   * The server's or CLI's data directory: artifacts go under
   * `<dataDir>/.artifacts/<orchestration>/<timestamp>/` (docs/design.md §3.2). `null`: no artifacts.
   */
  dataDir?: string | null;
  /**
   * A dry run (docs/design.md §3.3): every agent runs as its simulated stand-in (its own simulated
   * runtime, else the simulated defaults), and every step says so. Default false.
   */
  simulate?: boolean;
  /**
   * The folder every agent works in (absolute): the command and agent CLI runtimes start their
   * process there. Default: this process's working folder.
   */
  workspace?: string;
  /** Where steps execute (docs/design.md §3.4). Default: in this process. */
  dispatcher?: Dispatcher;
  /**
   * Told what the run cannot say as an event: an artifact it could not write, a listener that
   * threw, an error of the engine itself. Default: stderr (`stderrLogger`).
   */
  logger?: EngineLogger;
  /**
   * Events already recorded for this run (a run resumed after a crash): their results are
   * kept, finished steps are not run again, interrupted steps run again with the attempt
   * counted, and new events continue the `seq` without a gap or a duplicate.
   */
  previousEvents?: readonly RunEvent[];
  /**
   * A retry: reuse an earlier run's results. A step whose definition is unchanged (same
   * fingerprint), which succeeded in that run and whose inputs are all reused too, is not run:
   * it is recorded as `step.succeeded` with `data.reused: true` and its earlier result, which
   * flows on as if it had run. Everything else runs.
   */
  reuse?: RunReuse;
  /** Called synchronously for every event, in `seq` order, before the engine moves on. */
  onEvent: (event: RunEvent) => void;
}

/** A line for the host's log, with the error behind it if there is one. */
export type EngineLogger = (message: string, error?: unknown) => void;

/** What a retry takes from the run it retries (see `StartRunOptions.reuse`). */
export interface RunReuse {
  /** That run's events: which steps succeeded, with what result. */
  events: readonly RunEvent[];
  /**
   * Its steps' fingerprints, by step id, as they were when it ran: core's
   * `stepFingerprints(plan, catalogFor(document.agents, registry))` of its plan. A step missing
   * here is not reused.
   */
  fingerprints: Readonly<Record<string, string>>;
}

export interface RunHandle {
  runId: string;
  /** Settles when the run has ended (succeeded, failed or cancelled); never rejects. */
  done: Promise<RunState>;
  /** Cancel: running agents are stopped (process trees SIGTERM then SIGKILL; HTTP aborted). */
  cancel(reason?: string): void;
  /**
   * The run's artifact folder (absolute), or null without `dataDir`. Event paths
   * (`artifact.created`) are relative to `dataDir`.
   */
  artifactsDir?: string | null;
}

/** What one agent call is given. */
export interface StepInvocation {
  runId: string;
  stepId: string;
  stageId: string;
  attempt: number;
  /** The agent that runs this attempt (the fallback when it stands in). */
  agent: string;
  /**
   * Its definition, resolved by the engine from the registry and the document's inline
   * agents, so a dispatcher (or a queue worker) needs no catalog of its own.
   */
  definition: AgentInfo;
  /** Divides simulated durations. */
  speed: number;
  /** The run's seed for simulated agents (see StartRunOptions.seed). */
  seed?: number;
  /** The step's role in its pattern: an LLM agent is told how to answer (a condition, a verdict). */
  role?: StepRole;
  /** For an analyzer: the conditions its stage's branches offer. */
  conditions?: string[];
  task: string;
  checklist: string[];
  /** Results of the steps this one receives (docs/design.md §2.3 inputs), by step id. */
  inputs: Record<string, StepResult>;
  /** Artifacts handed down a sequential chain, by name. */
  artifacts: Record<string, string>;
  /** Findings to address: a reviewer's or validator's, when the step runs again for them. */
  feedback?: string[];
  /** Review round, revision or validation attempt (1-based). */
  round: number;
  timeoutMs: number;
  /** The run's workspace: the agent's working folder (absolute). */
  workspace: string;
  /**
   * The agent CLI session of this step's previous round (a primary revised after a review):
   * the runtime resumes it rather than starting over.
   */
  session?: string;
  /** Idempotency key of this attempt: `runId:stepId:attempt`. */
  key: string;
  /**
   * A dry run: `definition` is the agent's simulated stand-in. (A queue worker runs a
   * simulated definition as given, anything else from its own registry.)
   */
  simulated?: boolean;
}

/** A step's result (docs/design.md §3.2): core's type, which the events carry too. */
export type { StepResult };

/** What a dispatcher is given besides the invocation. */
export interface DispatchContext {
  signal: AbortSignal;
  log: (stream: 'stdout' | 'stderr' | 'info', line: string) => void;
  /** A queue worker took the attempt: the engine records which (docs/design.md §3.4). */
  assigned?: (worker: string) => void;
  /**
   * The attempt was started by a process before this one (a resumed run): find it, do not
   * start it (only for a dispatcher that `collectsInterrupted`).
   */
  collect?: boolean;
}

/**
 * Runs step invocations somewhere: in-process (local) or on queue workers. An attempt that is
 * lost rather than failed (its worker died, the queue lost its job) rejects with a
 * `StepInterruptedError`: the engine runs the step again, the attempt counted, without using
 * one of its retries.
 */
export interface Dispatcher {
  execute(invocation: StepInvocation, context: DispatchContext): Promise<StepResult>;
  /**
   * An attempt in flight when the process hosting the run stopped lives on without it (a job
   * on the queue): a resumed run collects it by the same key rather than starting it again.
   */
  collectsInterrupted?: boolean;
  close?(): Promise<void>;
}
