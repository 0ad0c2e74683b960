import { describe, expect, it } from 'vitest';
import { validate } from '../src/index.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBytes = (before: string, bad: number[], after = '\n') =>
  new Uint8Array([...utf8(before), ...bad, ...utf8(after)]);

/** The one error a file gets, refused before parsing: never a U+FFFD in the model. */
function onlyError(input: string | Uint8Array) {
  const result = validate(input);
  expect(result.ok).toBe(false);
  expect(result.document).toBeNull();
  expect(result.diagnostics).toHaveLength(1);
  return result.diagnostics[0]!;
}

describe('bytes that are not UTF-8 are refused at the first bad byte', () => {
  const prefix = 'name: demo\nprimary_agent: caf'; // the bad byte is at offset 29, line 2, column 19
  const cases: [string, number[], RegExp][] = [
    ['a stray Latin-1 0xE9', [0xe9], /byte 0xe9 .* a truncated 3-byte sequence/],
    ['a stray continuation byte', [0xa9], /byte 0xa9 .* a continuation byte with no lead byte/],
    ['an overlong 2-byte "/"', [0xc0, 0xaf], /byte 0xc0 .* an overlong encoding/],
    ['an overlong 3-byte "/"', [0xe0, 0x80, 0xaf], /byte 0xe0 .* an overlong encoding/],
    ['an overlong 4-byte "/"', [0xf0, 0x80, 0x80, 0xaf], /byte 0xf0 .* an overlong encoding/],
    ['a truncated 3-byte sequence', [0xe2, 0x82], /byte 0xe2 .* a truncated 3-byte sequence/],
    ['a truncated 4-byte sequence', [0xf0, 0x9f, 0x98], /byte 0xf0 .* a truncated 4-byte sequence/],
    ['an encoded lone surrogate U+D800', [0xed, 0xa0, 0x80], /byte 0xed .* an encoded surrogate/],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], /byte 0xf4 .* past U\+10FFFF/],
    ['a 0xFF byte', [0xff], /byte 0xff .* never occurs in UTF-8/],
  ];
  for (const [what, bad, reason] of cases) {
    it(what, () => {
      const error = onlyError(withBytes(prefix, bad, 'e\n'));
      expect(error).toMatchObject({ severity: 'error', line: 2, col: 19 });
      expect(error.message).toMatch(/^the file is not UTF-8 text/);
      expect(error.message).toContain('at offset 29 (line 2, column 19)');
      expect(error.message).toMatch(reason);
    });
  }

  it('a truncated sequence at the very end of the file', () => {
    const error = onlyError(withBytes('primary_agent: a\nprimary_task: x', [0xe2, 0x82], ''));
    expect(error).toMatchObject({ line: 2, col: 16 });
    expect(error.message).toContain('offset 32');
  });

  it('the column counts characters, not bytes, after multi-byte text on the line', () => {
    const error = onlyError(withBytes('primary_task: "été ', [0xe9], '"\n'));
    expect(error).toMatchObject({ line: 1, col: 20 });
    expect(error.message).toContain('at offset 21 (line 1, column 20)');
  });

  it('well-formed multi-byte text (2, 3 and 4 bytes) is accepted as it is', () => {
    const result = validate(
      utf8('primary_agent: fastapi-backend-expert\nprimary_task: "café – 😀 U+10FFFF: \u{10ffff}"\n'),
    );
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result.document)).toContain('café – 😀 U+10FFFF: \u{10ffff}');
  });
});

describe('text with a lone surrogate (as JSON "\\ud800" decodes) is refused', () => {
  it('a lone high surrogate', () => {
    const error = onlyError('primary_agent: fastapi-backend-expert\nprimary_task: "x\ud800y"\n');
    expect(error).toMatchObject({ line: 2, col: 17 });
    expect(error.message).toMatch(/lone surrogate \\ud800 at character 54 \(line 2, column 17\)/);
  });

  it('a lone low surrogate, and a high one at the very end', () => {
    expect(onlyError('primary_agent: a\udc00\n').message).toMatch(/lone surrogate \\udc00/);
    expect(onlyError('primary_agent: a\ud83d').message).toMatch(/lone surrogate \\ud83d/);
  });

  it('a surrogate pair is a character, and fine', () => {
    expect(validate('primary_agent: fastapi-backend-expert\nprimary_task: "\ud83d\ude00"\n').ok).toBe(true);
  });
});
