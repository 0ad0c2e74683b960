import type { AgentCatalog, AgentInfo } from '../agents/builtinAgents.js';
import type { Plan, PlanStep } from './types.js';

/**
 * What a step is, for deciding whether an earlier run's result of it still stands (a retry
 * reuses it, docs/design.md §3.1 `reused`): everything that goes into the agent call or decides how
 * its answer is taken, and nothing that only draws it (label, model path, position).
 *
 * - the step's role and pattern, task, checklist, what it produces, its condition or sync point;
 * - the agent's resolved definition (the registry's with the document's inline `agents:` laid
 *   over it: runtime and its settings, system prompt, model, tools…), and its fallback agent's;
 * - the resolved timeout, retries and fallback;
 * - the ids of the steps it depends on and receives results from (a step given other inputs is
 *   another step), and for an analyzer the conditions its branches offer.
 *
 * Whether those inputs are themselves unchanged is not the fingerprint's business: a run
 * decides that as it goes (a step downstream of one that runs again runs again).
 */
export interface StepDefinition {
  role: PlanStep['role'];
  pattern: string | null;
  agent: string | null;
  definition: AgentDefinitionPart | null;
  task: string;
  checklist: string[];
  produces: string | null;
  condition: string | null;
  syncPoint: string | null;
  timeoutMs: number;
  retries: number;
  fallbackAgent: string | null;
  fallbackDefinition: AgentDefinitionPart | null;
  dependsOn: string[];
  inputs: string[];
  /** An analyzer: the conditions its stage's branches offer (its prompt names them). */
  conditions: string[] | null;
}

/** An agent's definition without where it was read from (an inline copy of a built-in is the same agent). */
export type AgentDefinitionPart = Omit<AgentInfo, 'source'>;

function agentPart(catalog: AgentCatalog, name: string | null): AgentDefinitionPart | null {
  if (name === null || !Object.hasOwn(catalog, name)) return null;
  const { source: _source, ...rest } = catalog[name] as AgentInfo;
  return rest;
}

/** What a step's definition takes from its stage: the pattern, and an analyzer's branch conditions. */
interface StageFacts {
  patterns: Map<string, string>;
  conditions: Map<string, string[]>;
}

function stageFacts(plan: Plan): StageFacts {
  const patterns = new Map(plan.stages.map((s) => [s.id, s.pattern as string]));
  const conditions = new Map<string, string[]>();
  for (const step of plan.steps) {
    if (step.role !== 'branch') continue;
    const list = conditions.get(step.stageId);
    if (list) list.push(step.condition ?? '');
    else conditions.set(step.stageId, [step.condition ?? '']);
  }
  return { patterns, conditions };
}

function definitionOf(
  step: PlanStep,
  catalog: AgentCatalog,
  facts: StageFacts,
  withAgents = true,
): StepDefinition {
  return {
    role: step.role,
    pattern: facts.patterns.get(step.stageId) ?? null,
    agent: step.agent,
    definition: withAgents ? agentPart(catalog, step.agent) : null,
    task: step.task,
    checklist: step.checklist,
    produces: step.produces ?? null,
    condition: step.condition ?? null,
    syncPoint: step.syncPoint ?? null,
    timeoutMs: step.timeoutMs,
    retries: step.retries,
    fallbackAgent: step.fallbackAgent,
    fallbackDefinition: withAgents ? agentPart(catalog, step.fallbackAgent) : null,
    dependsOn: [...step.dependsOn].sort(),
    inputs: [...step.inputs].sort(),
    conditions: step.role === 'analyzer' ? (facts.conditions.get(step.stageId) ?? []) : null,
  };
}

/**
 * A step's definition as plain JSON (see `StepDefinition`). `catalog` is the catalog the run
 * calls agents from: the registry with the document's inline agents laid over it
 * (`catalogFor(document.agents, registry)`).
 */
export function stepDefinition(plan: Plan, step: PlanStep, catalog: AgentCatalog): StepDefinition {
  return definitionOf(step, catalog, stageFacts(plan));
}

/**
 * The text a fingerprint hashes: the definition as a tuple in a fixed order (no keys to sort),
 * each agent's part by its own hash (an agent serves many steps: it is serialised once per
 * plan, not once per step). The leading tag changes whenever the tuple does.
 */
function fingerprintOf(
  step: PlanStep,
  catalog: AgentCatalog,
  facts: StageFacts,
  agents: Map<string, string>,
): string {
  const agentHash = (name: string | null): string | null => {
    if (name === null) return null;
    let hash = agents.get(name);
    if (hash === undefined) {
      hash = hash128(canonicalJson(agentPart(catalog, name)));
      agents.set(name, hash);
    }
    return hash;
  };
  const d = definitionOf(step, catalog, facts, false);
  const text = JSON.stringify([
    'step/1',
    d.role,
    d.pattern,
    d.agent,
    agentHash(step.agent),
    d.task,
    d.checklist,
    d.produces,
    d.condition,
    d.syncPoint,
    d.timeoutMs,
    d.retries,
    d.fallbackAgent,
    agentHash(step.fallbackAgent),
    d.dependsOn,
    d.inputs,
    d.conditions,
  ]);
  return hash128(text);
}

/** A stable fingerprint of a step's definition: equal strings, the same step (32 hex digits). */
export function stepFingerprint(plan: Plan, step: PlanStep, catalog: AgentCatalog): string {
  return fingerprintOf(step, catalog, stageFacts(plan), new Map());
}

/** The fingerprint of every step of a plan, by step id. */
export function stepFingerprints(plan: Plan, catalog: AgentCatalog): Record<string, string> {
  const facts = stageFacts(plan);
  const agents = new Map<string, string>();
  // fromEntries defines each id as data: a step id `__proto__` is no prototype.
  return Object.fromEntries(plan.steps.map((step) => [step.id, fingerprintOf(step, catalog, facts, agents)]));
}

/** JSON with object keys sorted at every level and `undefined` left out: one text per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortedKeys) ?? 'null';
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  // Already in order (the definitions made here): as it is.
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = (keys[i - 1] as string) < (keys[i] as string);
  if (sorted) return value;
  // fromEntries defines each key as data: `__proto__` is a key like any other.
  return Object.fromEntries(keys.sort().map((k) => [k, object[k]]));
}

/**
 * A 128-bit non-cryptographic hash of a text (four 32-bit lanes, murmur-style mixing), as 32
 * hex digits. Pure JavaScript: core runs in the browser too. It tells definitions apart; it is
 * not meant to resist someone forging a collision.
 */
export function hash128(text: string): string {
  let h1 = 0x6a09e667;
  let h2 = 0xbb67ae85;
  let h3 = 0x3c6ef372;
  let h4 = 0xa54ff53a;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  h1 ^= text.length;
  return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}
