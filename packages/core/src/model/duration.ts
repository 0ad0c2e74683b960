/** A duration as written in a file: milliseconds, or a string such as `250ms`, `2s`, `5m`, `1h`. */
export type Duration = number | string;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;

/**
 * The longest duration a file may give (a timeout, a simulated duration): 7 days. Far past any
 * agent's step, and below the 2^31 − 1 ms a timer can wait (a longer one fires at once).
 */
export const MAX_DURATION_MS = 7 * 24 * 3_600_000;
export const MAX_DURATION_TEXT = '168h (7 days)';

/** Milliseconds of a duration, or `null` when the text is not a duration. */
export function parseDuration(value: Duration): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  const match = DURATION_PATTERN.exec(value.trim());
  if (!match) return null;
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}

/** Short human form of milliseconds: `850ms`, `2.5s`, `3m 20s`, `1h 5m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  if (ms < 3_600_000) {
    const m = Math.floor(ms / 60_000);
    const s = Math.round((ms % 60_000) / 1000);
    return s ? `${m}m ${s}s` : `${m}m`;
  }
  const h = Math.floor(ms / 3_600_000);
  const m = Math.round((ms % 3_600_000) / 60_000);
  return m ? `${h}h ${m}m` : `${h}h`;
}
