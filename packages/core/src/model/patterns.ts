/** The seven orchestration patterns of the seed document, in its order. */
export const PATTERNS = [
  'parallel_independent',
  'sequential_handoff',
  'parallel_with_sync',
  'primary_with_reviewers',
  'incremental_validation',
  'fan_out_fan_in',
  'conditional_branching',
] as const;

export type PatternName = (typeof PATTERNS)[number];

export function isPatternName(value: unknown): value is PatternName {
  return typeof value === 'string' && (PATTERNS as readonly string[]).includes(value);
}

/** Human titles, as the seed names the patterns. */
export const PATTERN_TITLES: Record<PatternName, string> = {
  parallel_independent: 'Parallel Independent',
  sequential_handoff: 'Sequential Handoff',
  parallel_with_sync: 'Parallel with Sync Points',
  primary_with_reviewers: 'Primary with Reviewers',
  incremental_validation: 'Incremental with Validation',
  fan_out_fan_in: 'Fan-Out / Fan-In',
  conditional_branching: 'Conditional Branching',
};

/** The keys that reveal a seed-form file's pattern, as docs/design.md §2.1 lists them. */
export const SEED_INFERENCE_KEYS = [
  'fan_out',
  'fan_in',
  'conditional_logic',
  'phases',
  'primary_agent',
  'sync_points',
  'handoff_artifacts',
  'parallel_execution',
] as const;

/**
 * The pattern of a seed-form mapping, inferred from its keys (first match wins, docs/design.md §2.1),
 * or `null` when none of the keys tells.
 */
export function inferPattern(value: Record<string, unknown>): PatternName | null {
  const has = (key: string) => Object.hasOwn(value, key);
  if (has('fan_out') || has('fan_in')) return 'fan_out_fan_in';
  if (has('conditional_logic')) return 'conditional_branching';
  if (has('phases')) return 'incremental_validation';
  if (has('primary_agent')) return 'primary_with_reviewers';
  if (has('sync_points')) return 'parallel_with_sync';
  if (has('handoff_artifacts') || value.parallel_execution === false) return 'sequential_handoff';
  if (value.parallel_execution === true) return 'parallel_independent';
  return null;
}
