import { describe, expect, it } from 'vitest';
import { parse, validate } from '../src/index.js';

/** Each hostile file must end in one clear error, quickly: never a hang, a crash or a stack overflow. */
function expectClearError(input: string | Uint8Array, pattern: RegExp) {
  const started = performance.now();
  const result = validate(input);
  const elapsed = performance.now() - started;
  expect(result.ok).toBe(false);
  expect(result.document).toBeNull();
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
  expect(errors[0]?.message).toMatch(pattern);
  expect(errors[0]?.line).toBeGreaterThanOrEqual(1);
  expect(errors[0]?.col).toBeGreaterThanOrEqual(1);
  expect(elapsed).toBeLessThan(1000);
}

describe('hostile input ends in a clear diagnostic within a second', () => {
  it('an alias bomb ("billion laughs")', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    lines.push('primary_agent: *a11');
    expectClearError(lines.join('\n'), /too many aliases.*alias bomb/);
  });

  it('a 5 MB file', () => {
    const big = `primary_agent: fastapi-backend-expert\nprimary_task: "${'x'.repeat(5 * 1024 * 1024)}"\n`;
    expectClearError(big, /the file is 5\.0 MB; the largest accepted is 2\.0 MB/);
    expectClearError(new TextEncoder().encode(big), /the file is 5\.0 MB/);
  });

  it('200-deep nesting, flow and block', () => {
    let flow = 'x';
    for (let i = 0; i < 200; i++) flow = `[${flow}]`;
    expectClearError(`primary_agent: a\nprimary_task: ${flow}\n`, /nests deeper than 32 levels/);
    let block = 'primary_agent: a\nprimary_task:\n';
    for (let i = 0; i < 200; i++) block += `${'  '.repeat(i + 1)}k${i}:\n`;
    expectClearError(block, /nests deeper than 32 levels/);
  });

  it('bytes that are not UTF-8 point at the first bad byte', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('primary_agent: caf'), 0xe9, 0x0a]);
    const result = parse(bytes);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 1,
        col: 19,
        message: expect.stringMatching(/not UTF-8.*0xe9/),
      }),
    ]);
    expectClearError(new Uint8Array([0xff, 0xfe, 0x00, 0x70]), /not UTF-8/);
  });

  it('a UTF-8 byte-order mark is accepted', () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode('primary_agent: fastapi-backend-expert\n'),
    ]);
    expect(validate(bytes).ok).toBe(true);
  });

  it('a top level that is not a mapping', () => {
    expectClearError('- just\n- a list\n', /top level must be a mapping/);
    expectClearError('42\n', /top level must be a mapping/);
  });
});
