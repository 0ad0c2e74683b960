/**
 * `context.json` as the seed skill writes it (its own field names, snake_case), with Baton's
 * own facts apart under `baton`, so a reader of the seed's files finds exactly what it expects.
 */
export type SeedRunStatus = 'initialized' | 'in_progress' | 'completed' | 'failed';

/** One entry of `agents_executed`: one step's agent, as it last ran. */
export interface AgentExecuted {
  name: string;
  started_at: string;
  completed_at: string;
  status: 'completed' | 'failed';
  /** Relative to the data directory, like `session_dir`. */
  report_path: string;
}

/** Baton's facts about one executed step, by step id. */
export interface BatonStepFacts {
  agent: string;
  report_path: string;
  /** Attempts started, across retries, fallbacks and rounds. */
  attempt: number;
  simulated?: true;
  /** The result is an earlier run's (a retry): the agent was not called again. */
  reused?: true;
}

export interface BatonContext {
  runId: string;
  orchestration: string;
  /** A dry run: every agent as its simulated stand-in. */
  simulate: boolean;
  /** Every agent's working folder (absolute). */
  workspace: string;
  speed: number;
  seed: number;
  /** How the run ended, once it has (`status` says only completed or failed). */
  outcome?: 'succeeded' | 'failed' | 'cancelled';
  error?: string;
  steps: Record<string, BatonStepFacts>;
}

export interface RunContextFile {
  feature_name: string;
  /** The session stamp, `YYYYMMDD_HHMMSS`. */
  timestamp: string;
  /** The run's folder, relative to the data directory. */
  session_dir: string;
  created_at: string;
  status: SeedRunStatus;
  agents_executed: AgentExecuted[];
  /** `summary.md`'s path once it is written, else null. */
  summary_path: string | null;
  baton: BatonContext;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const isExecuted = (v: unknown): v is AgentExecuted =>
  isRecord(v) &&
  typeof v.name === 'string' &&
  typeof v.started_at === 'string' &&
  typeof v.completed_at === 'string' &&
  (v.status === 'completed' || v.status === 'failed') &&
  typeof v.report_path === 'string';

/**
 * What a resumed run carries on from: the executed agents of a `context.json` written before
 * the crash (anything unreadable is dropped; those steps' entries come back as they end again).
 */
export function executedOf(file: unknown): { agents: AgentExecuted[]; steps: Map<string, BatonStepFacts> } {
  const steps = new Map<string, BatonStepFacts>();
  if (!isRecord(file)) return { agents: [], steps };
  const agents = Array.isArray(file.agents_executed) ? file.agents_executed.filter(isExecuted) : [];
  const baton = isRecord(file.baton) && isRecord(file.baton.steps) ? file.baton.steps : {};
  for (const [id, facts] of Object.entries(baton)) {
    if (!isRecord(facts) || typeof facts.agent !== 'string' || typeof facts.report_path !== 'string')
      continue;
    const s: BatonStepFacts = {
      agent: facts.agent,
      report_path: facts.report_path,
      attempt: typeof facts.attempt === 'number' ? facts.attempt : 1,
    };
    if (facts.simulated === true) s.simulated = true;
    if (facts.reused === true) s.reused = true;
    steps.set(id, s);
  }
  return { agents, steps };
}

/**
 * Pretty JSON (as `JSON.stringify(v, null, 2)`) of a value written at `indent`: its inner
 * lines shifted right, so it can be placed inside a larger document as it is.
 */
export function jsonAt(value: unknown, indent: number): string {
  const text = JSON.stringify(value, null, 2);
  return indent ? text.replace(/\n/g, `\n${' '.repeat(indent)}`) : text;
}

/** An array or object of already rendered items (`value` or `"key": value`), at `indent`. */
function block(open: string, close: string, items: readonly string[], indent: number): string {
  if (!items.length) return open + close;
  const pad = ' '.repeat(indent + 2);
  return `${open}\n${pad}${items.join(`,\n${pad}`)}\n${' '.repeat(indent)}${close}`;
}

const member = (key: string, rendered: string) => `${JSON.stringify(key)}: ${rendered}`;

/**
 * `context.json`'s text, the same as `JSON.stringify(file, null, 2)`, from the growing parts
 * already rendered (each executed agent at indent 4, each step's facts at indent 6): the file
 * is rewritten as every step ends, and re-serialising a thousand entries each time would make a
 * long run quadratic.
 */
export function contextText(
  head: Omit<RunContextFile, 'agents_executed' | 'baton'>,
  executed: readonly string[],
  baton: Omit<BatonContext, 'steps'>,
  steps: readonly (readonly [id: string, rendered: string])[],
): string {
  const { summary_path, ...first } = head;
  const batonItems = [
    ...Object.entries(baton).map(([k, v]) => member(k, jsonAt(v, 4))),
    member(
      'steps',
      block(
        '{',
        '}',
        steps.map(([id, rendered]) => member(id, rendered)),
        4,
      ),
    ),
  ];
  const items = [
    ...Object.entries(first).map(([k, v]) => member(k, jsonAt(v, 2))),
    member('agents_executed', block('[', ']', executed, 2)),
    member('summary_path', jsonAt(summary_path, 2)),
    member('baton', block('{', '}', batonItems, 2)),
  ];
  return `${block('{', '}', items, 0)}\n`;
}
