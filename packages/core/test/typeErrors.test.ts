import { describe, expect, it } from 'vitest';
import { validate } from '../src/index.js';

/** The one error of a file, with its position. */
function firstError(text: string) {
  const started = performance.now();
  const result = validate(text);
  expect(performance.now() - started).toBeLessThan(2000);
  expect(result.ok).toBe(false);
  const error = result.diagnostics.find((d) => d.severity === 'error');
  expect(error).toBeDefined();
  return error!;
}

const seed = (task: string) => `primary_agent: fastapi-backend-expert\nprimary_task: ${task}\n`;

describe('a type error names the type the user wrote', () => {
  it('!!binary, !!set, !!omap', () => {
    expect(firstError(seed('!!binary aGVsbG8=')).message).toBe(
      'primary_task: expected string, got binary data (!!binary)',
    );
    expect(firstError(seed('!!set {a, b}')).message).toBe('primary_task: expected string, got a set (!!set)');
    expect(firstError(seed('!!omap [a: 1]')).message).toBe(
      'primary_task: expected string, got an ordered map (!!omap)',
    );
    expect(firstError('version: 1\nstages: !!binary aGVsbG8=\n')).toMatchObject({
      line: 2,
      message: 'stages: expected array, got binary data (!!binary)',
    });
  });

  it('a YAML 1.1 timestamp (an unquoted date under %YAML 1.1) and an explicit !!timestamp', () => {
    const error = firstError(`%YAML 1.1\n---\n${seed('2001-12-14')}`);
    expect(error).toMatchObject({ line: 4, col: 15 });
    expect(error.message).toBe(
      'primary_task: expected string, got a timestamp (2001-12-14T00:00:00.000Z: an unquoted date is one under %YAML 1.1 or with !!timestamp; quote it to write text)',
    );
    expect(firstError(seed('!!timestamp 2001-12-14')).message).toMatch(
      /got a timestamp \(2001-12-14T00:00:00\.000Z/,
    );
    // Quoted, it is the text it looks like.
    expect(validate(`%YAML 1.1\n---\n${seed('"2001-12-14"')}`).document?.stages[0]).toMatchObject({
      primary_task: '2001-12-14',
    });
  });

  it('a top level that is binary or a set says so, not "cannot tell the pattern from the keys 0, 1, 2"', () => {
    expect(firstError('!!binary aGVsbG8=\n').message).toBe(
      'the top level must be a mapping of keys (a pattern\'s keys, or "stages:" for the full form); got binary data (!!binary)',
    );
    expect(firstError('!!set {primary_agent}\n').message).toMatch(
      /top level must be a mapping .*; got a set \(!!set\)$/,
    );
  });
});

describe('nesting past the limit says so, never "Maximum call stack size exceeded"', () => {
  for (const [what, text, line, col] of [
    ['5,000 flow sequences', seed(`${'['.repeat(5000)}${']'.repeat(5000)}`), 2, 46],
    ['5,000 unclosed flow sequences', seed('['.repeat(5000)), 2, 46],
    ['5,000 flow mappings', seed(`${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`), 2, 139],
    ['3,000 compact block sequences', `primary_agent: a\nprimary_task:\n${'- '.repeat(3000)}x\n`, 3, 63],
  ] as const) {
    it(what, () => {
      const error = firstError(text);
      expect(error.message).toBe('the file nests deeper than 32 levels; an orchestration needs far fewer');
      expect(error).toMatchObject({ line, col });
    });
  }
});

describe('a duration that overflows is refused with the allowed range', () => {
  const withTimeout = (timeout: string) =>
    `version: 1\ndefaults: { timeout: ${timeout} }\nstages:\n  - { pattern: parallel_independent, tasks: [{ agent: fastapi-backend-expert }] }\n`;
  const withSimulated = (duration: string) =>
    `version: 1\nagents: { x: { runtime: { kind: simulated, duration: ${duration} } } }\nstages:\n  - { pattern: parallel_independent, tasks: [{ agent: x }] }\n`;

  it('1e309 (infinity) and a 400-digit number of milliseconds', () => {
    for (const text of [
      withTimeout('1e309'),
      withTimeout('9'.repeat(400)),
      withSimulated('1e309'),
      withTimeout('.inf'),
    ]) {
      const error = firstError(text);
      expect(error.message).toMatch(
        /at most 168h \(7 days\); got a number too large to hold \(it reads as infinity\)$/,
      );
      expect(error.line).toBe(2);
    }
  });

  it('a 400-digit number of hours, and anything past 168h', () => {
    expect(firstError(withTimeout(`"${'9'.repeat(400)}h"`)).message).toBe(
      'defaults.timeout: a duration must be at most 168h (7 days), i.e. 604800000 ms',
    );
    expect(firstError(withSimulated('169h')).message).toBe(
      'agents.x.runtime.duration: a duration must be at most 168h (7 days), i.e. 604800000 ms',
    );
    expect(firstError(withTimeout('604800001')).message).toMatch(/at most 168h/);
  });

  it('168h itself, and ordinary durations, are fine', () => {
    for (const d of ['168h', '604800000', '2h', '250ms']) expect(validate(withTimeout(d)).ok).toBe(true);
  });
});
