import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import { RESERVED_NAME } from '../model/reservedName.js';

/** Offset of the first mapping key `__proto__` (see RESERVED_NAME), walking without recursion, or `null`. */
export function findReservedKey(contents: unknown): number | null {
  const stack: unknown[] = [contents];
  while (stack.length) {
    const node = stack.pop();
    if (!isMap(node) && !isSeq(node)) continue;
    for (const item of node.items) {
      if (isPair(item)) {
        if (isScalar(item.key) && item.key.value === RESERVED_NAME) return item.key.range?.[0] ?? 0;
        if (!isAlias(item.value)) stack.push(item.value);
      } else if (!isAlias(item)) stack.push(item);
    }
  }
  return null;
}
