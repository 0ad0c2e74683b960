/**
 * Limits that keep a hostile file from hanging or crashing a parser (docs/design.md §4). Bytes alone
 * do not bound the work: 2 MB of YAML can hold a million list items, each of which the parser,
 * the schema and the compiler visit. So the counts and lengths are bounded too, each far past
 * what a real orchestration needs (the 1,000-step example: 56 KB, 15,000 tokens, 50 items per
 * list, names under 40 characters).
 */
export const YAML_LIMITS = {
  /** Largest file accepted, in bytes of UTF-8. A 1,000-step orchestration is about 200 KB. */
  maxBytes: 2 * 1024 * 1024,
  /** Aliases resolved per document: well past any real use, far below a "billion laughs". */
  maxAliasCount: 100,
  /** Deepest nesting of collections; an orchestration file needs about 6 levels. */
  maxDepth: 32,
  /** YAML tokens (keys, values, indicators) in a file; counted before the file is parsed. */
  maxTokens: 100_000,
  /** Items in any one list or mapping: stages, tasks, agents, reviewers, checklist entries… */
  maxItems: 1_000,
  /** Characters in a mapping key (an agent name under `agents:`, a `review_tasks` key). */
  maxKeyLength: 200,
  /** Characters in an id or a name the file refers to (agent, stage, sync point, phase). */
  maxNameLength: 200,
  /** Steps in the compiled plan. */
  maxSteps: 5_000,
  /**
   * Results handed from step to step in the plan (each step of a sequential chain receives
   * every earlier result: a chain of n steps hands on n²/2).
   */
  maxHandoffs: 200_000,
} as const;
