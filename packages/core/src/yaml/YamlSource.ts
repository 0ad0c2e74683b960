import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { ModelPath, Orchestration } from '../model/types.js';

export type FileForm = 'full' | 'seed';

/**
 * A parsed file kept beside its model: the text, the `yaml` Document (comments, key order,
 * positions) and the form it was written in. `serialize` uses it to keep a user's formatting;
 * diagnostics use it to find lines and columns.
 */
export interface YamlSource {
  text: string;
  form: FileForm;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The model the text parsed to (`null` if it did not), to tell an unchanged document. */
  document: Orchestration | null;
}

export interface SourceRange {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/** The file path of a model path: a seed-form file holds stage 0's keys at its top level. */
export function toFilePath(form: FileForm, path: ModelPath): ModelPath {
  if (form === 'seed' && path[0] === 'stages' && path[1] === 0) return path.slice(2);
  return path;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

/**
 * Where a model path stands in the file: the deepest node along the path that exists (so a
 * missing key points at the mapping that lacks it). With `atKey`, the key itself rather than
 * its value: where an unknown key should be underlined.
 */
export function locate(source: YamlSource, path: ModelPath, atKey = false): SourceRange {
  const filePath = toFilePath(source.form, path);
  let node: unknown = source.doc.contents;
  let target: Node | null = isNodeWithRange(node) ? node : null;
  for (let i = 0; i < filePath.length; i++) {
    const segment = filePath[i];
    if (isAlias(node)) node = node.resolve(source.doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(segment));
      if (!pair) break;
      if (atKey && i === filePath.length - 1 && isNodeWithRange(pair.key)) {
        target = pair.key;
        break;
      }
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      break;
    }
    if (isNodeWithRange(node)) target = node;
    else break;
  }
  const [start, end] = target?.range ?? [0, 0];
  const from = source.lineCounter.linePos(start);
  const to = source.lineCounter.linePos(Math.max(start, end));
  return { line: from.line, col: from.col, endLine: to.line, endCol: to.col };
}

function isNodeWithRange(value: unknown): value is Node & { range: [number, number, number] } {
  return (
    (isScalar(value) || isMap(value) || isSeq(value) || isAlias(value)) &&
    Array.isArray((value as Node).range)
  );
}
