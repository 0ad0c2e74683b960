import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { type AgentInfo, type RegistryDiagnostic, schemas } from '@baton/core';
import { splitFrontMatter } from './frontMatter.js';
import { readFrontMatter } from './tolerantFrontMatter.js';
import { issuesText } from './yamlValue.js';

/** Larger than any agent file people write (bodies run to ~20 KB); a bigger one is not read at all. */
export const MAX_AGENT_FILE_BYTES = 1024 * 1024;
/** Front matter is a handful of keys; this much is already absurd, and keeps the tolerant re-read cheap. */
const MAX_FRONT_MATTER_CHARS = 64 * 1024;

/** Every front-matter key Claude Code documents for an agent file: accepted without a warning. */
export const CLAUDE_CODE_KEYS = [
  'name',
  'description',
  'tools',
  'disallowedTools',
  'model',
  'permissionMode',
  'maxTurns',
  'skills',
  'mcpServers',
  'hooks',
  'memory',
  'background',
  'isolation',
  'color',
  'effort',
  'initialPrompt',
] as const;
/** Baton's own keys in an agent file (docs/design.md §3.3). */
export const BATON_KEYS = ['runtime', 'timeout', 'retries', 'fallback_agent'] as const;
const KNOWN_KEYS: ReadonlySet<string> = new Set([...CLAUDE_CODE_KEYS, ...BATON_KEYS]);

export interface AgentFileRead {
  agent?: AgentInfo;
  /** The file could not be read as an agent: the name it declares (else its base name) and why. */
  failed?: { name: string; diagnostic: RegistryDiagnostic };
  /** Everything worth saying about the file, the failure included. */
  diagnostics: RegistryDiagnostic[];
}

/**
 * One Claude Code agent file (`.claude/agents/*.md`) as an agent: front matter read as Claude
 * Code reads it, the body as the system prompt. `path` is read; `shown` is how diagnostics name it.
 * Never throws: a huge, binary or broken file is a diagnostic.
 */
export function readAgentFile(path: string, shown: string): AgentFileRead {
  const diagnostics: RegistryDiagnostic[] = [];
  const fail = (name: string, message: string, line?: number): AgentFileRead => {
    const diagnostic: RegistryDiagnostic = {
      severity: 'error',
      file: shown,
      ...(line === undefined ? {} : { line }),
      message,
      agent: name,
    };
    diagnostics.push(diagnostic);
    return { failed: { name, diagnostic }, diagnostics };
  };
  const baseName = basename(path, '.md');

  const text = readText(path);
  if (typeof text !== 'string') return fail(baseName, text.error);
  const parts = splitFrontMatter(text);
  if (parts.yaml === null) {
    return fail(
      (parts.unclosed ? declaredName(parts.body) : undefined) ?? baseName,
      parts.unclosed
        ? 'the front matter opened by "---" on line 1 is never closed by another "---" line'
        : 'no front matter: an agent file starts with "---", its name and description, then "---"',
      1,
    );
  }
  if (parts.yaml.length > MAX_FRONT_MATTER_CHARS) {
    return fail(baseName, `the front matter is over ${MAX_FRONT_MATTER_CHARS / 1024} KB: not read`, 1);
  }
  const front = readFrontMatter(parts.yaml, parts.yamlLine, KNOWN_KEYS);
  if (!front.ok) return fail(declaredName(parts.yaml) ?? baseName, front.error.message, front.error.line);
  const fields = front.fields;

  const named = scalarText(fields.name);
  const name = named || baseName;
  const note = (severity: RegistryDiagnostic['severity'], message: string, line?: number) =>
    diagnostics.push({
      severity,
      file: shown,
      ...(line === undefined ? {} : { line }),
      message,
      agent: name,
    });
  for (const w of front.warnings) note('warning', w.message, w.line);
  if (!named) {
    note(
      'warning',
      `no 'name:' in the front matter: the agent is named '${name}' after its file (Claude Code needs a name)`,
      1,
    );
  }
  if (scalarText(fields.description) === undefined) {
    note('warning', `no 'description:' in the front matter (Claude Code needs one to choose the agent)`, 1);
  }

  const definition: Record<string, unknown> = {};
  const description = scalarText(fields.description);
  if (description !== undefined) definition.description = description;
  if (parts.body) definition.system_prompt = parts.body;
  copyPresent(definition, 'tools', fields.tools);
  copyPresent(definition, 'disallowed_tools', fields.disallowedTools);
  const model = scalarText(fields.model);
  if (model) definition.model = model;
  const permissionMode = scalarText(fields.permissionMode);
  if (permissionMode) definition.permission_mode = permissionMode;
  if (fields.maxTurns !== undefined && fields.maxTurns !== null) {
    const turns = Number(fields.maxTurns);
    if (Number.isInteger(turns) && turns > 0) definition.max_turns = turns;
    // Claude Code still loads the agent; Baton does too, without the limit.
    else note('warning', `'maxTurns: ${String(fields.maxTurns)}' is not a whole number above 0: ignored`);
  }
  for (const key of BATON_KEYS) copyPresent(definition, key, fields[key]);
  for (const key of Object.keys(fields)) {
    if (!KNOWN_KEYS.has(key))
      note('warning', `agent '${name}': key '${key}' is not read by Baton or Claude Code`);
  }

  const parsed = schemas.agentDefinitionSchema.safeParse(definition);
  if (!parsed.success) {
    return fail(name, `agent '${name}': ${issuesText(renamed(parsed.error.issues))}`);
  }
  return { agent: { ...parsed.data, name, source: 'file', file: path }, diagnostics };
}

/** The file's text, or why it is not read (too large, binary, unreadable). */
function readText(path: string): string | { error: string } {
  let fd: number | undefined;
  try {
    const size = statSync(path).size;
    if (size > MAX_AGENT_FILE_BYTES) {
      return {
        error: `the file is ${(size / 1024 / 1024).toFixed(1)} MB; an agent file over 1 MB is not read`,
      };
    }
    fd = openSync(path, 'r');
    const bytes = Buffer.alloc(size);
    const read = readSync(fd, bytes, 0, size, 0);
    const content = bytes.subarray(0, read);
    if (content.includes(0)) return { error: 'not a text file (it holds NUL bytes)' };
    return content.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: `cannot read the file${code ? ` (${code})` : ''}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A scalar front-matter value as trimmed text (`name: 123` is the name "123"); else undefined. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** `key:` with nothing after it is YAML null: as good as absent. */
function copyPresent(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined && value !== null) target[key] = value;
}

/** Schema paths named as the file writes them (`disallowed_tools` is `disallowedTools` there). */
function renamed<T extends { path: readonly PropertyKey[] }>(issues: readonly T[]): T[] {
  const fileKey: Record<string, string> = {
    disallowed_tools: 'disallowedTools',
    permission_mode: 'permissionMode',
    max_turns: 'maxTurns',
  };
  return issues.map((i) => {
    const [head, ...rest] = i.path;
    return typeof head === 'string' && Object.hasOwn(fileKey, head)
      ? { ...i, path: [fileKey[head] as string, ...rest] }
      : i;
  });
}

/** The `name:` of front matter YAML cannot read, when a line plainly gives it (so the failure is keyed by it). */
function declaredName(yaml: string): string | undefined {
  for (const line of yaml.split('\n')) {
    const match = /^name[ \t]*:[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!match?.[1]) continue;
    const value = match[1].replace(/^(["'])(.*)\1$/, '$2').trim();
    return value || undefined;
  }
  return undefined;
}
