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

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** The closest candidate to a misspelt word, when it is close enough to be what was meant. */
export function closestMatch(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const distance =
      c.startsWith(lower) || lower.startsWith(c) || sharedPrefix(lower, c) >= Math.max(4, lower.length - 1)
        ? 1
        : editDistance(lower, c);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== null && bestDistance <= limit ? best : null;
}

/** ` (did you mean 'x'?)` or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match ? ` (did you mean '${match}'?)` : '';
}
