/** The exit codes of docs/design.md §4b. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Wrong arguments: exits 2 with the usage text. */
export class UsageError extends Error {}
