import { type CST, type LineCounter, Parser } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { YAML_LIMITS } from './limits.js';

/**
 * Offset of the first collection nested deeper than `maxDepth`, read from the parser's concrete
 * syntax tree: the parser keeps its own stack, and the tree is walked here without recursion,
 * so this works on nesting deep enough to exhaust the call stack of the composer (which turns
 * `[[[[…` 5,000 deep into "Maximum call stack size exceeded"). `null` when nothing is that deep.
 */
export function cstTooDeep(text: string, maxDepth: number): number | null {
  const stack: { token: CST.Token | null | undefined; depth: number }[] = [];
  for (const token of new Parser().parse(text)) {
    if (token.type === 'document') stack.push({ token: token.value, depth: 0 });
    while (stack.length) {
      const { token: node, depth } = stack.pop() as { token: CST.Token | null | undefined; depth: number };
      if (!node) continue;
      if (node.type !== 'block-map' && node.type !== 'block-seq' && node.type !== 'flow-collection') continue;
      if (depth + 1 > maxDepth) return node.offset;
      for (const item of node.items) {
        if ('key' in item) stack.push({ token: item.key, depth: depth + 1 });
        stack.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return null;
}

/**
 * The YAML library reports a call stack it exhausted as a syntax error; the cause is nesting
 * far past the limit, and the user is told so, at the collection that crosses it.
 */
export function exhaustedStack(errors: readonly { message: string }[]): boolean {
  return errors.some((e) => e.message.startsWith('Maximum call stack size exceeded'));
}

export function tooDeepDiagnostic(text: string, lineCounter: LineCounter): Diagnostic {
  const offset = cstTooDeep(text, YAML_LIMITS.maxDepth) ?? 0;
  const pos = lineCounter.linePos(offset);
  return {
    severity: 'error',
    message: `the file nests deeper than ${YAML_LIMITS.maxDepth} levels; an orchestration needs far fewer`,
    path: [],
    line: pos.line,
    col: pos.col,
  };
}
