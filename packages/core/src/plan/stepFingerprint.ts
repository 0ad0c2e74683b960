import type { AgentCatalog, AgentInfo } from '../agents/builtinAgents.js';
import type { Plan, PlanStep } from './types.js';

/**
 * What a step is, for deciding whether an earlier run's result of it still stands (a retry
 * reuses it, DESIGN §3.1 `reused`): everything that goes into the agent call or decides how
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

function definitionOf(step: PlanStep, catalog: AgentCatalog, facts: StageFacts): StepDefinition {
  return {
    role: step.role,
    pattern: facts.patterns.get(step.stageId) ?? null,
    agent: step.agent,
    definition: agentPart(catalog, step.agent),
    task: step.task,
    checklist: step.checklist,
    produces: step.produces ?? null,
    condition: step.condition ?? null,
    syncPoint: step.syncPoint ?? null,
    timeoutMs: step.timeoutMs,
    retries: step.retries,
    fallbackAgent: step.fallbackAgent,
    fallbackDefinition: agentPart(catalog, step.fallbackAgent),
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

/** A stable fingerprint of a step's definition: equal strings, the same step (32 hex digits). */
export function stepFingerprint(plan: Plan, step: PlanStep, catalog: AgentCatalog): string {
  return hash128(canonicalJson(stepDefinition(plan, step, catalog)));
}

/** The fingerprint of every step of a plan, by step id. */
export function stepFingerprints(plan: Plan, catalog: AgentCatalog): Record<string, string> {
  const facts = stageFacts(plan);
  const out: Record<string, string> = {};
  for (const step of plan.steps) {
    // defineProperty: a step id is data, never the prototype (`__proto__`).
    Object.defineProperty(out, step.id, {
      value: hash128(canonicalJson(definitionOf(step, catalog, facts))),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** JSON with object keys sorted at every level and `undefined` left out: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
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
