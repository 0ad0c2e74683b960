import type { Diagnostic } from '@baton/core';
import type { Diagnostic as CmDiagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';

/** Core's diagnostics (1-based line/col) as CodeMirror's (document offsets). */
export function toCmDiagnostics(doc: Text, diagnostics: readonly Diagnostic[]): CmDiagnostic[] {
  const offset = (line: number, col: number) => {
    const l = doc.line(Math.max(1, Math.min(doc.lines, line)));
    return Math.min(l.to, l.from + Math.max(0, col - 1));
  };
  return diagnostics.map((d) => {
    const from = offset(d.line, d.col);
    let to = d.endLine !== undefined && d.endCol !== undefined ? offset(d.endLine, d.endCol) : from;
    // A finding about a whole block (an empty stage) marks its first line, not the whole block.
    if (to <= from || (d.endLine ?? d.line) > d.line + 1) to = Math.max(from, doc.lineAt(from).to);
    return { from, to, severity: d.severity, message: d.message, source: 'baton' };
  });
}
