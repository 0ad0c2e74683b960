import type { RegistryDiagnostic } from '@baton/core';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the heading says: how many files failed (their agents are missing), then the warnings. */
export function problemsHeadline(diagnostics: readonly RegistryDiagnostic[]): string {
  const failedFiles = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file)).size;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const parts: string[] = [];
  if (failedFiles) {
    parts.push(`${plural(failedFiles, 'agent file', 'agent files')} could not be read`);
  }
  if (warnings) {
    const what = plural(warnings, 'warning', 'warnings');
    parts.push(failedFiles ? what : `${what} reading agent files`);
  }
  return parts.join(' · ');
}

/** `file:line`, or the file alone when the problem has no line. */
export const diagnosticLocation = (d: RegistryDiagnostic): string =>
  d.line === undefined ? d.file : `${d.file}:${d.line}`;

/** Errors first (by file and line), then warnings. */
export const orderedDiagnostics = (diagnostics: readonly RegistryDiagnostic[]): RegistryDiagnostic[] =>
  [...diagnostics].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
