import { RESERVED_NAME } from '../model/reservedName.js';
import type { Orchestration, Stage } from '../model/types.js';
import type { ModelIssue } from './schemaIssues.js';

/**
 * The seed form has no key for an orchestration's name or description, nor for its one stage's
 * id, name and description (the editor gives them), so they travel as a leading comment
 * (docs/design.md §2.1), read back on import:
 *
 *     # name: Add a role field
 *     # description: Migration, then API, then frontend
 *     # stage id: role-field
 *     parallel_execution: false
 *
 * A value that a comment line would not keep as it is (a line break, spaces at an end, a
 * quote, nothing at all) is written as a JSON string.
 */
export interface SeedHeader {
  name?: string;
  description?: string;
  stageId?: string;
  stageName?: string;
  stageDescription?: string;
}

/** Header field → its words in the comment, in the order written. */
const LABELS: Record<keyof SeedHeader, string> = {
  name: 'name',
  description: 'description',
  stageId: 'stage id',
  stageName: 'stage name',
  stageDescription: 'stage description',
};
const FIELD_OF = new Map(Object.entries(LABELS).map(([field, label]) => [label, field as keyof SeedHeader]));
// `s`: a JSON-quoted value may hold U+2028 or U+2029, which `.` would not match.
const HEADER_LINE = /^#[ \t]*(name|description|stage id|stage name|stage description):[ \t]?(.*)$/s;

function encode(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be quoted
  return value === '' || value.trim() !== value || /["\u0000-\u001f\u007f\u2028\u2029]/.test(value)
    ? JSON.stringify(value)
    : value;
}

function decode(raw: string): string {
  const text = raw.trimEnd();
  if (text.startsWith('"')) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'string') return value;
    } catch {
      // Not JSON after all: the text as written.
    }
  }
  return text.trim();
}

const withoutBom = (text: string) => (text.startsWith('\uFEFF') ? text.slice(1) : text);

/** The leading comment lines of a text (before its first other line), as [start, end) offsets. */
function leadingComments(text: string): { line: string; end: number }[] {
  const out: { line: string; end: number }[] = [];
  let at = 0;
  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    const end = newline === -1 ? text.length : newline + 1;
    const line = text.slice(at, end).replace(/\r?\n$/, '');
    if (!line.startsWith('#')) break;
    out.push({ line, end });
    at = end;
  }
  return out;
}

/** The name and description a seed file's leading comment gives (the first of each). */
export function readSeedHeader(text: string): SeedHeader {
  const header: SeedHeader = {};
  for (const { line } of leadingComments(withoutBom(text))) {
    const match = HEADER_LINE.exec(line);
    const key = match ? FIELD_OF.get(match[1] as string) : undefined;
    if (key && header[key] === undefined) header[key] = decode(match?.[2] ?? '');
  }
  return header;
}

/**
 * `text` (a seed file) with its leading `# name:` / `# description:` lines replaced by the
 * document's own; other comments stay where they are.
 */
export function writeSeedHeader(file: string, header: SeedHeader): string {
  const text = withoutBom(file);
  const leading = leadingComments(text);
  const headerEnd = leading.at(-1)?.end ?? 0;
  const kept = leading
    .filter(({ line }) => !HEADER_LINE.test(line))
    .map(({ line }) => `${line}\n`)
    .join('');
  const lines = (Object.keys(LABELS) as (keyof SeedHeader)[])
    .flatMap((field) => {
      const value = header[field];
      return value === undefined ? [] : [`# ${LABELS[field]}: ${encode(value)}\n`];
    })
    .join('');
  return `${lines}${kept}${text.slice(headerEnd)}`;
}

const STAGE_ID = /^[A-Za-z0-9_-]+$/;

/**
 * A seed file's document with what its leading comment gives: the orchestration's name and
 * description, its stage's id, name and description. A stage id that is no id is left out,
 * with a warning saying so.
 */
export function withSeedHeader(
  document: Orchestration,
  text: string,
): { document: Orchestration; issues: ModelIssue[] } {
  const header = readSeedHeader(text);
  const issues: ModelIssue[] = [];
  let stageId = header.stageId;
  if (stageId !== undefined && (!STAGE_ID.test(stageId) || stageId === RESERVED_NAME)) {
    issues.push({
      severity: 'warning',
      message: `the leading comment's stage id '${stageId}' is not an id (letters, digits, "_" and "-"): left out`,
      path: [],
    });
    stageId = undefined;
  }
  const [stage, ...rest] = document.stages;
  const own = {
    ...(stageId !== undefined ? { id: stageId } : {}),
    ...(header.stageName !== undefined ? { name: header.stageName } : {}),
    ...(header.stageDescription !== undefined ? { description: header.stageDescription } : {}),
  };
  return {
    document: {
      version: document.version,
      ...(header.name !== undefined ? { name: header.name } : {}),
      ...(header.description !== undefined ? { description: header.description } : {}),
      stages: stage ? [{ ...own, ...stage } as Stage, ...rest] : document.stages,
    },
    issues,
  };
}
