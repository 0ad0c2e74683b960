export interface InvalidUtf8 {
  /** Offset of the sequence's first byte. */
  offset: number;
  /** What is wrong there, in words a user can act on. */
  reason: string;
}

/**
 * The first byte sequence that breaks UTF-8's well-formedness rules (Unicode Table 3-7), or
 * `null` when every byte is well-formed: the same bytes a fatal TextDecoder refuses, but with
 * where and why. The second byte's range rules out overlong forms (C0, C1, E0 80–9F, F0 80–8F),
 * encoded surrogates (ED A0–BF) and code points past U+10FFFF (F4 90+).
 */
export function firstInvalidUtf8(bytes: Uint8Array): InvalidUtf8 | null {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const rule = sequenceRule(lead);
    if (typeof rule === 'string') return { offset: i, reason: rule };
    const [length, secondLow, secondHigh, outOfRange] = rule;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) {
        return { offset: i, reason: `a truncated ${length}-byte sequence` };
      }
      if (k === 1 && (c < secondLow || c > secondHigh)) return { offset: i, reason: outOfRange };
    }
    i += length;
  }
  return null;
}

type Rule = readonly [length: number, secondLow: number, secondHigh: number, outOfRange: string];

const OVERLONG = 'an overlong encoding (a character written with more bytes than it needs)';
const SURROGATE = 'an encoded surrogate (U+D800–U+DFFF are not characters)';
const TOO_HIGH = 'a code point past U+10FFFF';

/** For a lead byte: its sequence's length and the allowed range of the second byte. */
function sequenceRule(lead: number): Rule | string {
  if (lead <= 0xbf) return 'a continuation byte with no lead byte before it';
  if (lead <= 0xc1) return OVERLONG;
  if (lead <= 0xdf) return [2, 0x80, 0xbf, ''];
  if (lead === 0xe0) return [3, 0xa0, 0xbf, OVERLONG];
  if (lead === 0xed) return [3, 0x80, 0x9f, SURROGATE];
  if (lead <= 0xef) return [3, 0x80, 0xbf, ''];
  if (lead === 0xf0) return [4, 0x90, 0xbf, OVERLONG];
  if (lead <= 0xf3) return [4, 0x80, 0xbf, ''];
  if (lead === 0xf4) return [4, 0x80, 0x8f, TOO_HIGH];
  return lead <= 0xf7 ? TOO_HIGH : 'a byte that never occurs in UTF-8';
}
