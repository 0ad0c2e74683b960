/**
 * The bytes a text takes in UTF-8, without encoding it: the size limit is in bytes, and a
 * string's `length` counts UTF-16 units (2 MB of "é" is 1 M of them).
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4; // a surrogate pair: one code point past U+FFFF
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
