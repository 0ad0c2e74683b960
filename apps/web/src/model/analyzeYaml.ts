import { type AgentCatalog, type ValidateResult, validate } from '@baton/core';

const LIMIT = 6;
const byRegistry = new WeakMap<AgentCatalog, Map<string, ValidateResult>>();

/**
 * Parse and compile a text (core's `validate`), remembering the last few: the same text is often
 * asked for by the YAML tab, the save and the draft within one edit.
 */
export function analyzeYaml(text: string, registry: AgentCatalog): ValidateResult {
  let cache = byRegistry.get(registry);
  if (!cache) {
    cache = new Map();
    byRegistry.set(registry, cache);
  }
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const result = validate(text, { agents: registry });
  cache.set(text, result);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value as string);
  return result;
}
