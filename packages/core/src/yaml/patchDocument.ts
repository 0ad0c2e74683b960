import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, Pair, Scalar } from 'yaml';
import { deepEqual } from '../model/deepEqual.js';

/**
 * Bring a parsed `yaml` Document in line with a plain value, changing only what differs, so
 * that the comments, key order and quoting of every untouched part survive an edit.
 */
export function patchDocument(doc: Document, value: unknown): void {
  doc.contents = patchNode(doc, doc.contents, value) as typeof doc.contents;
}

function keyOf(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

function patchNode(doc: Document, node: unknown, value: unknown): unknown {
  if (isAlias(node)) {
    const resolved = node.resolve(doc);
    if (resolved && deepEqual(resolved.toJSON(), value)) return node;
    return doc.createNode(value);
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && isMap(node)) {
    const record = value as Record<string, unknown>;
    node.items = node.items.filter((pair) => {
      const key = keyOf(pair.key);
      // Own keys only: a key `constructor` the model no longer has must go, not find Object.
      return key !== undefined && Object.hasOwn(record, key) && record[key] !== undefined;
    });
    for (const [key, child] of Object.entries(record)) {
      if (child === undefined) continue;
      const pair = node.items.find((p) => isPair(p) && keyOf(p.key) === key);
      if (pair) pair.value = patchNode(doc, pair.value, child) as Node;
      else node.items.push(new Pair(doc.createNode(key), doc.createNode(child)));
    }
    return node;
  }
  if (Array.isArray(value) && isSeq(node)) {
    node.items = value.map((child, i) =>
      i < node.items.length ? patchNode(doc, node.items[i], child) : doc.createNode(child),
    );
    return node;
  }
  if (isScalar(node) && (value === null || typeof value !== 'object')) {
    if (node.value !== value) {
      // A new value of another type must not keep a quoting style that would change its type.
      if (typeof node.value !== typeof value) node.type = Scalar.PLAIN;
      node.value = value;
    }
    return node;
  }
  return doc.createNode(value);
}
