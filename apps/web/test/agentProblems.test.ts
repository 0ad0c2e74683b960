import type { RegistryDiagnostic } from '@baton/core';
import { describe, expect, it } from 'vitest';
import { diagnosticLocation, orderedDiagnostics, problemsHeadline } from '../src/palette/agentProblems';

const error = (file: string, line?: number): RegistryDiagnostic => ({
  severity: 'error',
  file,
  ...(line === undefined ? {} : { line }),
  message: 'no front matter',
});
const warning = (file: string, line?: number): RegistryDiagnostic => ({
  severity: 'warning',
  file,
  ...(line === undefined ? {} : { line }),
  message: 'read `description` as text',
});

describe('agent file problems', () => {
  it('counts the files that failed, once each, in the singular or the plural', () => {
    expect(problemsHeadline([error('a.md', 1)])).toBe('1 agent file could not be read');
    expect(problemsHeadline([error('a.md', 1), error('a.md', 4)])).toBe('1 agent file could not be read');
    expect(problemsHeadline([error('a.md'), error('b.md')])).toBe('2 agent files could not be read');
  });

  it('adds the warnings, and says what they are about when nothing failed', () => {
    expect(problemsHeadline([error('a.md'), warning('c.md', 2), warning('d.md', 3)])).toBe(
      '1 agent file could not be read · 2 warnings',
    );
    expect(problemsHeadline([warning('c.md', 2)])).toBe('1 warning reading agent files');
    expect(problemsHeadline([])).toBe('');
  });

  it('lists errors first, by file and line, and names a line when there is one', () => {
    const list = orderedDiagnostics([warning('a.md', 1), error('b.md', 9), error('b.md', 2), error('a.md')]);
    expect(list.map(diagnosticLocation)).toEqual(['a.md', 'b.md:2', 'b.md:9', 'a.md:1']);
    expect(list.map((d) => d.severity)).toEqual(['error', 'error', 'error', 'warning']);
  });
});
