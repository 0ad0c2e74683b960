import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  type AgentCatalog,
  type AgentDefinition,
  type AgentInfo,
  BUILTIN_AGENTS,
  schemas,
} from '@baton/core';
import { type Document, isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { splitFrontMatter } from './frontMatter.js';

/** A problem with one registry file; the file (or the one agent) is left out, the rest loads. */
export interface RegistryDiagnostic {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  message: string;
}

export interface AgentRegistry {
  catalog: AgentCatalog;
  diagnostics: RegistryDiagnostic[];
}

/** Front-matter keys Claude Code itself uses besides those Baton reads: allowed, not read. */
const CLAUDE_ONLY_KEYS = new Set([
  'color',
  'permissionMode',
  'hooks',
  'skills',
  'mcpServers',
  'disallowedTools',
]);
const BATON_KEYS = [
  'description',
  'tools',
  'model',
  'runtime',
  'timeout',
  'retries',
  'fallback_agent',
] as const;

/**
 * The agent registry of a folder (DESIGN §3.3): Claude Code agent files
 * (`DIR/.claude/agents/*.md`: front matter `name, description, tools, model` and Baton's
 * `runtime`; the body is the system prompt), then `DIR/baton.agents.yaml` (name → agent
 * definition), laid over the built-in agents. An agent both files name gets the YAML's keys
 * over the Markdown's (a Claude Code agent given a runtime).
 */
export function loadAgentRegistry(dir: string): AgentRegistry {
  const diagnostics: RegistryDiagnostic[] = [];
  const agents: Record<string, AgentInfo> = { ...BUILTIN_AGENTS };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    diagnostics.push({ severity: 'error', file: dir, message: 'no such folder' });
    return { catalog: agents, diagnostics };
  }
  const agentDir = join(dir, '.claude', 'agents');
  if (existsSync(agentDir)) {
    for (const entry of readdirSync(agentDir).sort()) {
      if (!entry.endsWith('.md')) continue;
      const file = join(agentDir, entry);
      const agent = readAgentFile(file, diagnostics);
      if (agent) setAgent(agents, agent.name, agent);
    }
  }
  const yamlFile = join(dir, 'baton.agents.yaml');
  if (existsSync(yamlFile)) {
    for (const [name, definition] of readAgentsYaml(yamlFile, diagnostics)) {
      const own = Object.hasOwn(agents, name) ? agents[name] : undefined;
      const base = own?.source === 'file' ? own : undefined;
      setAgent(agents, name, { ...base, ...definition, name, source: 'file' });
    }
  }
  return { catalog: agents, diagnostics };
}

/**
 * An own property whatever the name: `agents['__proto__'] = …` would set the catalog's
 * prototype rather than add an agent.
 */
function setAgent(agents: Record<string, AgentInfo>, name: string, agent: AgentInfo): void {
  Object.defineProperty(agents, name, { value: agent, enumerable: true, writable: true, configurable: true });
}

function readAgentFile(file: string, diagnostics: RegistryDiagnostic[]): AgentInfo | null {
  const parts = splitFrontMatter(readFileSync(file, 'utf8'));
  if (parts.yaml === null) {
    diagnostics.push({
      severity: 'error',
      file,
      line: 1,
      message: 'no front matter: an agent file starts with "---", its name and description, then "---"',
    });
    return null;
  }
  const lines = new LineCounter();
  const doc = parseDocument(parts.yaml, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    const error = doc.errors[0];
    const at = error?.pos[0] === undefined ? 0 : lines.linePos(error.pos[0]).line - 1;
    diagnostics.push({
      severity: 'error',
      file,
      line: parts.yamlLine + at,
      message: error?.message ?? 'bad YAML',
    });
    return null;
  }
  const front = toJs(doc);
  if (front instanceof Error) {
    diagnostics.push({ severity: 'error', file, line: parts.yamlLine, message: front.message });
    return null;
  }
  if (front === null || typeof front !== 'object' || Array.isArray(front)) {
    diagnostics.push({
      severity: 'error',
      file,
      line: parts.yamlLine,
      message: 'the front matter is not a map',
    });
    return null;
  }
  const fields = front as Record<string, unknown>;
  const name =
    typeof fields.name === 'string' && fields.name.trim() ? fields.name.trim() : basename(file, '.md');
  const definition: Record<string, unknown> = {};
  for (const key of BATON_KEYS) if (fields[key] !== undefined) definition[key] = fields[key];
  if (parts.body) definition.system_prompt = parts.body;
  for (const key of Object.keys(fields)) {
    if (key !== 'name' && !(BATON_KEYS as readonly string[]).includes(key) && !CLAUDE_ONLY_KEYS.has(key)) {
      diagnostics.push({
        severity: 'warning',
        file,
        message: `agent '${name}': key '${key}' is not read by Baton`,
      });
    }
  }
  const parsed = schemas.agentDefinitionSchema.safeParse(definition);
  if (!parsed.success) {
    diagnostics.push({
      severity: 'error',
      file,
      message: `agent '${name}': ${issuesText(parsed.error.issues)}`,
    });
    return null;
  }
  return { ...parsed.data, name, source: 'file' };
}

function readAgentsYaml(file: string, diagnostics: RegistryDiagnostic[]): [string, AgentDefinition][] {
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    const error = doc.errors[0];
    const line = error?.pos[0] === undefined ? 1 : lines.linePos(error.pos[0]).line;
    diagnostics.push({ severity: 'error', file, line, message: error?.message ?? 'bad YAML' });
    return [];
  }
  const value = toJs(doc);
  if (value instanceof Error) {
    diagnostics.push({ severity: 'error', file, line: 1, message: value.message });
    return [];
  }
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push({
      severity: 'error',
      file,
      line: 1,
      message: 'expected a map of agent name → definition',
    });
    return [];
  }
  const out: [string, AgentDefinition][] = [];
  for (const [name, definition] of Object.entries(value as Record<string, unknown>)) {
    const parsed = schemas.agentDefinitionSchema.safeParse(definition ?? {});
    if (parsed.success) out.push([name, parsed.data]);
    else {
      const key = isMap(doc.contents)
        ? doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === name)?.key
        : undefined;
      const range = isScalar(key) ? key.range : undefined;
      const line = range ? lines.linePos(range[0]).line : undefined;
      diagnostics.push({
        severity: 'error',
        file,
        ...(line === undefined ? {} : { line }),
        message: `agent '${name}': ${issuesText(parsed.error.issues)}`,
      });
    }
  }
  return out;
}

function issuesText(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** The document's value; aliases are capped, so an alias bomb is an error, not a hang. */
function toJs(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
