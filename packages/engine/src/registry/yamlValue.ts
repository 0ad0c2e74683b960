import { type Document, LineCounter, parseDocument } from 'yaml';

/** Aliases a registry file may expand: enough for any real file, too few for an alias bomb. */
const MAX_ALIAS_COUNT = 100;

export type YamlRead = { ok: true; value: unknown } | { ok: false; message: string; line: number };

/**
 * One YAML text read strictly: its value, or its first error with the 1-based line (of the
 * text) it is on. Never throws: an alias bomb is an error like any other.
 */
export function readYaml(text: string): YamlRead {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const line = error.pos[0] === undefined ? 1 : lines.linePos(error.pos[0]).line;
    return { ok: false, message: firstLine(error.message), line };
  }
  const value = toJs(doc);
  if (value instanceof Error) return { ok: false, message: value.message, line: 1 };
  return { ok: true, value };
}

/** The document's value; aliases are capped, so an alias bomb is an error, not a hang. */
export function toJs(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** A zod error's issues as one line: `path: message; …`. */
export function issuesText(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** The yaml library's messages may carry a source excerpt after the first line; a diagnostic is one line. */
function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
