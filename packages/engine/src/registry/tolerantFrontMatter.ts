import { isPlainObject, readYaml } from './yamlValue.js';

/** A problem found reading front matter, at a 1-based line of the file. */
export interface FrontMatterNote {
  line: number;
  message: string;
  /** The top-level key it concerns, when there is one. */
  key?: string;
}

export type FrontMatterRead =
  | { ok: true; fields: Record<string, unknown>; warnings: FrontMatterNote[] }
  | { ok: false; error: FrontMatterNote };

/** A top-level `key:` line (column 0, then a space, a tab or the end of the line). */
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)/;

/** What may start a YAML value other than plain text: such a value is never re-read as text. */
const NOT_PLAIN = /^["'[{|>&*!%@`]/;

interface Entry {
  key: string;
  /** 0-based index of its first line in the front matter. */
  start: number;
  lines: string[];
  /** Known not to parse as YAML on its own (so an unknown `word:` line continues it). */
  broken: boolean;
}

/**
 * Front matter read as Claude Code reads it (docs/design.md §3.3). Strict YAML first; when that fails,
 * each top-level `key:` entry is read on its own, and an entry whose value is plain text
 * holding `: ` (`description: Use this agent when…: <example>Context: …`), with its unindented
 * continuation lines, is taken as that text, with a warning. Anything else that YAML rejects
 * (an unclosed quote, a tab-indented map) stays an error: Claude Code rejects it too.
 *
 * An entry runs to the next line that starts a key in `knownKeys`, or to a line starting an
 * unknown `word:` key when the entry so far is valid YAML (inside a text value, `Context:` or
 * `user:` lines of an `<example>` are text).
 *
 * `firstLine` is the file line of the YAML's first line, so that every line reported is the file's.
 */
export function readFrontMatter(
  yaml: string,
  firstLine: number,
  knownKeys: ReadonlySet<string>,
): FrontMatterRead {
  const strict = readYaml(yaml);
  if (strict.ok) {
    if (strict.value === null || strict.value === undefined) return { ok: true, fields: {}, warnings: [] };
    if (!isPlainObject(strict.value)) {
      return { ok: false, error: { line: firstLine, message: 'the front matter is not a map of keys' } };
    }
    return { ok: true, fields: strict.value, warnings: [] };
  }
  const strictError: FrontMatterNote = {
    line: firstLine + strict.line - 1,
    message: `bad YAML: ${strict.message}`,
  };

  const lines = yaml.split('\n');
  const entries: Entry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const key = KEY_LINE.exec(line)?.[1];
    const current = entries.at(-1);
    if (key !== undefined && (knownKeys.has(key) || !current || !isBroken(current))) {
      entries.push({ key, start: i, lines: [line], broken: false });
    } else if (current) {
      current.lines.push(line);
    } else if (line.trim() && !line.trimStart().startsWith('#')) {
      // Text before any key: not front matter Baton can make sense of.
      return { ok: false, error: strictError };
    }
  }

  const fields: Record<string, unknown> = {};
  const warnings: FrontMatterNote[] = [];
  for (const entry of entries) {
    const line = firstLine + entry.start;
    if (Object.hasOwn(fields, entry.key)) {
      return { ok: false, error: { line, key: entry.key, message: `the key '${entry.key}' is given twice` } };
    }
    const read = readYaml(entry.lines.join('\n'));
    if (read.ok && isPlainObject(read.value) && Object.hasOwn(read.value, entry.key)) {
      setField(fields, entry.key, read.value[entry.key]);
      continue;
    }
    const text = plainText(entry);
    if (text === null) {
      const at = read.ok ? line : line + read.line - 1;
      const message = read.ok ? `bad YAML at '${entry.key}'` : `bad YAML: ${read.message}`;
      return { ok: false, error: { line: at, key: entry.key, message } };
    }
    setField(fields, entry.key, text);
    warnings.push({
      line,
      key: entry.key,
      message: `the value of '${entry.key}' is not valid YAML (it holds ": "${entry.lines.length > 1 ? ' and runs on over unindented lines' : ''}); read as plain text, as Claude Code does. Quote it, or write '${entry.key}: |' with the text indented below, to silence this`,
    });
  }
  return { ok: true, fields, warnings };
}

/** Whether the entry so far fails as YAML on its own; once broken it stays so (no re-parse per line). */
function isBroken(entry: Entry): boolean {
  if (!entry.broken) entry.broken = !readYaml(entry.lines.join('\n')).ok;
  return entry.broken;
}

/**
 * The entry's value as text, when it is plain text (not quoted, not a flow collection, block
 * scalar, alias, tag…): its first line's value, then its continuation lines, trailing blanks cut.
 */
function plainText(entry: Entry): string | null {
  const [head = '', ...rest] = entry.lines;
  const value = head.slice(head.indexOf(':') + 1).trim();
  if (!value || NOT_PLAIN.test(value)) return null;
  // A tab-indented line is how a broken map looks; Claude Code rejects it, and so does Baton.
  if (rest.some((l) => l.startsWith('\t'))) return null;
  return [value, ...rest.map((l) => l.trimEnd())].join('\n').trim();
}

/** An own property whatever the key (`__proto__` is a key like any other here). */
function setField(fields: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(fields, key, { value, enumerable: true, writable: true, configurable: true });
}
