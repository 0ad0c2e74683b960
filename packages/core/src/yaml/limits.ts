/** Limits that keep a hostile file from hanging or crashing a parser (DESIGN §4). */
export const YAML_LIMITS = {
  /** Largest file accepted, in bytes of UTF-8. A 1,000-step orchestration is about 200 KB. */
  maxBytes: 2 * 1024 * 1024,
  /** Aliases resolved per document: well past any real use, far below a "billion laughs". */
  maxAliasCount: 100,
  /** Deepest nesting of collections; an orchestration file needs about 6 levels. */
  maxDepth: 32,
} as const;
