import type { ModelPath } from './model/types.js';

export type Severity = 'error' | 'warning';

/** One finding about a file: what is wrong, where (1-based line and column), and how bad. */
export interface Diagnostic {
  severity: Severity;
  message: string;
  /** Path into the *model* (full form); `[]` for the file as a whole. */
  path: ModelPath;
  line: number;
  col: number;
  /** Line and column just past the offending text, when known (for editors). */
  endLine?: number;
  endCol?: number;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `file:line:col: severity: message`, the shape compilers print and editors link. */
export function formatDiagnostic(d: Diagnostic, file = '<input>'): string {
  return `${file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`;
}

/** Path as people read it: `stages[0].tasks[1].agent`. */
export function formatPath(path: ModelPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(top level)';
}

/**
 * Edit distance of two words, or `limit + 1` once it is sure to exceed `limit`: a band of
 * width 2·limit around the diagonal is all that can stay within it.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  cellsLeft -= a.length * b.length;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
      if ((row[j] as number) < best) best = row[j] as number;
    }
    if (best > limit) return limit + 1;
  }
  return row[b.length] as number;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Words longer than this get no suggestion, and candidates longer than this are not offered:
 * a misspelt name is short, and an edit distance costs the product of the two lengths (two
 * ids of 100,000 characters would take seconds).
 */
export const SUGGESTION_MAX_LENGTH = 64;

/** Candidates looked at per suggestion: a typo is found among the first thousand names or not at all. */
const SUGGESTION_MAX_CANDIDATES = 1_000;

/**
 * Edit-distance cells left to the suggestions of the check under way (`withSuggestionBudget`);
 * once spent, messages go on without "did you mean". A file of 1,000 unknown names among 1,000
 * others would otherwise compare a million pairs.
 */
let cellsLeft = Number.POSITIVE_INFINITY;

/**
 * Run a check whose suggestions may together cost at most `cells` edit-distance cells (about
 * 15 ns each). Synchronous, so no other check can draw on the same budget meanwhile.
 */
export function withSuggestionBudget<T>(cells: number, check: () => T): T {
  const outer = cellsLeft;
  cellsLeft = Math.min(cells, outer);
  try {
    return check();
  } finally {
    cellsLeft = outer;
  }
}

/** The closest candidate to a misspelt word, when it is close enough to be what was meant. */
export function closestMatch(word: string, candidates: Iterable<string>): string | null {
  if (word.length > SUGGESTION_MAX_LENGTH) return null;
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lower = word.toLowerCase();
  let looked = 0;
  for (const candidate of candidates) {
    if (++looked > SUGGESTION_MAX_CANDIDATES || cellsLeft <= 0) break;
    if (candidate.length > SUGGESTION_MAX_LENGTH) continue;
    const c = candidate.toLowerCase();
    const distance =
      c.startsWith(lower) || lower.startsWith(c) || sharedPrefix(lower, c) >= Math.max(4, lower.length - 1)
        ? 1
        : editDistance(lower, c, Math.min(limit, bestDistance));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A search cut short by the budget may have missed the best: better no hint than a wrong one.
  return best !== null && bestDistance <= limit && (cellsLeft > 0 || bestDistance <= 1) ? best : null;
}

/**
 * Names as a message lists them: the first `max`, then how many more, so that a message about
 * one of 1,000 stages does not name all 1,000 (each unknown `needs` would repeat them).
 */
export function listNames(names: readonly string[], max = 20): string {
  const shown = names.slice(0, max).map((n) => (n.length > 40 ? `${n.slice(0, 40)}…` : n));
  return names.length > max ? `${shown.join(', ')} and ${names.length - max} more` : shown.join(', ');
}

/** ` (did you mean 'x'?)` or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match ? ` (did you mean '${match}'?)` : '';
}
