import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import { YAML_LIMITS } from './limits.js';

/** A shape the limits refuse, at an offset of the text. */
export interface StructureProblem {
  offset: number;
  message: string;
}

/** At most this many problems are reported: the first few say what to fix. */
const MAX_PROBLEMS = 20;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * What in a parsed document passes the structure limits (docs/design.md §4): nesting deeper than
 * `maxDepth`, a list or mapping of more than `maxItems`, a key longer than `maxKeyLength`, a
 * key given twice in one mapping. One walk without recursion, linear in the nodes: the parser's
 * own duplicate-key check compares every pair of keys, which a mapping of 50,000 keys turns
 * into seconds. The problems come in text order.
 */
export function structureProblems(contents: unknown): StructureProblem[] {
  const problems: StructureProblem[] = [];
  const stack: { node: unknown; depth: number; key: string | null }[] = [
    { node: contents, depth: 1, key: null },
  ];
  while (stack.length && problems.length < MAX_PROBLEMS) {
    const { node, depth, key } = stack.pop() as (typeof stack)[number];
    if (!isMap(node) && !isSeq(node)) continue;
    const offset = node.range?.[0] ?? 0;
    if (depth > YAML_LIMITS.maxDepth) {
      problems.push({
        offset,
        message: `the file nests deeper than ${YAML_LIMITS.maxDepth} levels; an orchestration needs far fewer`,
      });
      continue;
    }
    if (node.items.length > YAML_LIMITS.maxItems) {
      const what = isMap(node) ? 'keys' : 'items';
      problems.push({
        offset,
        message: `${key === null ? 'the top level' : `'${clip(key)}'`} holds ${count(node.items.length)} ${what}; at most ${count(YAML_LIMITS.maxItems)} are accepted in one list or mapping: split the orchestration into smaller ones`,
      });
      continue;
    }
    const seen = new Set<unknown>();
    for (const item of node.items) {
      let childKey = key;
      let child: unknown = item;
      if (isPair(item)) {
        child = item.value;
        if (isScalar(item.key)) {
          const value = item.key.value;
          const text = String(value);
          childKey = text;
          const at = item.key.range?.[0] ?? offset;
          if (text.length > YAML_LIMITS.maxKeyLength) {
            problems.push({
              offset: at,
              message: `a key of ${count(text.length)} characters ('${clip(text)}'); a key is at most ${YAML_LIMITS.maxKeyLength}`,
            });
          } else if (seen.has(value)) {
            problems.push({
              offset: at,
              message: `YAML syntax: Map keys must be unique: '${text}' is given twice in one mapping`,
            });
          }
          seen.add(value);
        }
      }
      if (!isAlias(child)) stack.push({ node: child, depth: depth + 1, key: childKey });
    }
  }
  return problems.sort((a, b) => a.offset - b.offset);
}

/** A key as a message may quote it: long ones cut. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
