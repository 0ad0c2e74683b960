import type { Diagnostic } from '../diagnostics.js';
import { firstInvalidUtf8 } from './firstInvalidUtf8.js';
import { YAML_LIMITS } from './limits.js';

export type DecodeResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/**
 * The text of a file's bytes, which must be UTF-8 (with or without BOM). Bytes that are not
 * UTF-8 give a diagnostic at the first bad byte instead of silently becoming U+FFFD.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length > YAML_LIMITS.maxBytes) {
    return { ok: false, diagnostic: tooLarge(bytes.length) };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return { ok: false, diagnostic: invalidUtf8(bytes) ?? invalidUtf8Fallback() };
  }
}

/**
 * Where bytes stop being UTF-8: a diagnostic with the offset, line and column of the first bad
 * byte and what is wrong there, or `null` when they are well-formed. `what` names the bytes
 * ("the file", "the request body").
 */
export function invalidUtf8(bytes: Uint8Array, what = 'the file'): Diagnostic | null {
  const bad = firstInvalidUtf8(bytes);
  if (!bad) return null;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bad.offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // The column counts characters, as every other diagnostic's does; the bytes before the bad one
  // on its line are well-formed, so they decode (a BOM on line 1 is not a character).
  const col = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, bad.offset)).length + 1;
  const byte = (bytes[bad.offset] ?? 0).toString(16).padStart(2, '0');
  return {
    severity: 'error',
    message: `${what} is not UTF-8 text: byte 0x${byte} at offset ${bad.offset} (line ${line}, column ${col}) starts ${bad.reason}; save the file as UTF-8`,
    path: [],
    line,
    col,
  };
}

// A fatal decoder and Table 3-7 refuse the same bytes; this is only for the impossible case.
const invalidUtf8Fallback = (): Diagnostic => ({
  severity: 'error',
  message: 'the file is not UTF-8 text; save the file as UTF-8',
  path: [],
  line: 1,
  col: 1,
});

export function tooLarge(bytes: number): Diagnostic {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return {
    severity: 'error',
    message: `the file is ${mb(bytes)}; the largest accepted is ${mb(YAML_LIMITS.maxBytes)}. Split it into smaller orchestrations`,
    path: [],
    line: 1,
    col: 1,
  };
}
