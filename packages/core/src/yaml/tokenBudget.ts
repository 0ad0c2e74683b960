import { Lexer } from 'yaml';
import { YAML_LIMITS } from './limits.js';

/** The lexer's control tokens stand for structure and are not characters of the text. */
const CONTROL = new Set(['\u0002', '\u0018', '\u001f']);

/**
 * The offset at which a text passes `YAML_LIMITS.maxTokens` YAML tokens, or `null` when it
 * stays within. Parsing costs about a microsecond per token and uniqueness checks more, so a
 * file of a million one-letter list items is refused here, after a fraction of its lexing,
 * rather than parsed for seconds.
 */
export function pastTokenBudget(text: string, limit: number = YAML_LIMITS.maxTokens): number | null {
  let count = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (++count > limit) return offset;
    if (!CONTROL.has(token)) offset += token.length;
  }
  return null;
}
