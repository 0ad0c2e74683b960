import type { Diagnostic } from '../diagnostics.js';
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
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const byte = (bytes[offset] ?? 0).toString(16).padStart(2, '0');
    return {
      ok: false,
      diagnostic: {
        severity: 'error',
        message: `the file is not UTF-8 text: byte 0x${byte} at offset ${offset} is not valid UTF-8; save the file as UTF-8`,
        path: [],
        line,
        col: offset - lineStart + 1,
      },
    };
  }
}

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

/** Offset of the first byte that breaks UTF-8's encoding rules. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}
