import type { Diagnostic } from './diagnostics.js';
import { hasErrors, withSuggestionBudget } from './diagnostics.js';
import type { Orchestration } from './model/types.js';
import type { CompileOptions } from './plan/compile.js';
import { compile } from './plan/compile.js';
import type { Plan } from './plan/types.js';
import { type ParseResult, parse, positionIssue } from './yaml/parse.js';

export interface ValidateResult extends ParseResult {
  /** The compiled plan, when the file parsed (it may still carry semantic errors). */
  plan: Plan | null;
  /** True when there is no error (warnings allowed): the file can run. */
  ok: boolean;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.col - b.col;
}

/** Parse and compile a file: every diagnostic of docs/design.md §2.3, each with its line and column. */
export function validate(input: string | Uint8Array, options: CompileOptions = {}): ValidateResult {
  return withSuggestionBudget(SUGGESTION_CELLS, () => validateWithin(input, options));
}

/** What "did you mean" may cost one check, in edit-distance cells: about 0.15 s. */
const SUGGESTION_CELLS = 10_000_000;

function validateWithin(input: string | Uint8Array, options: CompileOptions): ValidateResult {
  const parsed = parse(input);
  if (!parsed.document || !parsed.source) {
    return { ...parsed, plan: null, ok: false };
  }
  const { plan, issues } = compile(parsed.document, options);
  const source = parsed.source;
  const diagnostics = [...parsed.diagnostics, ...issues.map((issue) => positionIssue(source, issue))].sort(
    byPosition,
  );
  return { ...parsed, diagnostics, plan, ok: !hasErrors(diagnostics) };
}

export type { Orchestration };
