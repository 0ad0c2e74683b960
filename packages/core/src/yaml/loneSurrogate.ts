import type { Diagnostic } from '../diagnostics.js';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text with a lone surrogate (e.g. JSON's `"\ud800"`) has no UTF-8 form: stored, it would come
 * back as U+FFFD, not what the user sent. A diagnostic at it, or `null` when the text is
 * well-formed.
 */
export function loneSurrogate(text: string): Diagnostic | null {
  const match = LONE_SURROGATE.exec(text);
  if (!match) return null;
  const offset = match.index;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  const unit = text.charCodeAt(offset).toString(16);
  const col = offset - lineStart + 1;
  return {
    severity: 'error',
    message: `the text holds a lone surrogate \\u${unit} at character ${offset} (line ${line}, column ${col}), which is not a character and has no UTF-8 form; remove it or send the whole character`,
    path: [],
    line,
    col,
  };
}
