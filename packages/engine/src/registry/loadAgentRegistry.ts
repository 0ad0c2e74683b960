import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type AgentCatalog, type AgentInfo, BUILTIN_AGENTS, type RegistryDiagnostic } from '@baton/core';
import { type AgentFileRead, readAgentFile } from './readAgentFile.js';
import { readAgentsYaml } from './readAgentsYaml.js';

export type { RegistryDiagnostic } from '@baton/core';

export interface AgentRegistry {
  catalog: AgentCatalog;
  /** Every problem, file paths relative to the registry folder (as users see their repository). */
  diagnostics: RegistryDiagnostic[];
  /**
   * Agents a file (or a `baton.agents.yaml` entry) declares but that could not be loaded, by
   * the name it declares (else the file's base name): not in the catalog, and no built-in of
   * that name stands in for them.
   */
  failed: Record<string, RegistryDiagnostic>;
}

/**
 * The agent registry of a folder (docs/design.md §3.3): Claude Code agent files
 * (`DIR/.claude/agents/*.md`, read as Claude Code reads them; the body is the system prompt),
 * then `DIR/baton.agents.yaml` (name → agent definition), laid over the built-in agents. An
 * agent both files name gets the YAML's keys over the Markdown's (a Claude Code agent given a
 * runtime).
 *
 * Never shadowed: an agent whose file failed is reported in `failed`, and a built-in of its name
 * is taken out, so a run never silently calls a simulated stand-in for a broken file.
 * Two files declaring one name: both are reported and neither loads. Which one Claude Code
 * would use depends on its own precedence; Baton does not guess and run the other's prompt.
 * A `README.md` (any case) in the folder is documentation, skipped quietly.
 */
export function loadAgentRegistry(dir: string): AgentRegistry {
  const diagnostics: RegistryDiagnostic[] = [];
  const failed: Record<string, RegistryDiagnostic> = {};
  const agents: Record<string, AgentInfo> = { ...BUILTIN_AGENTS };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    diagnostics.push({ severity: 'error', file: dir, message: 'no such folder' });
    return { catalog: agents, diagnostics, failed };
  }
  const shown = (path: string) => relative(dir, path).split(sep).join('/');

  const byName = new Map<string, { file: string; read: AgentFileRead }[]>();
  for (const file of agentFiles(join(dir, '.claude', 'agents'), shown, diagnostics)) {
    const read = readAgentFile(file, shown(file));
    diagnostics.push(...read.diagnostics);
    const name = read.agent?.name ?? read.failed?.name;
    if (name === undefined) continue;
    byName.set(name, [...(byName.get(name) ?? []), { file: shown(file), read }]);
  }
  for (const [name, reads] of byName) {
    if (reads.length > 1) {
      const files = reads.map((r) => r.file);
      for (const file of files) {
        const diagnostic: RegistryDiagnostic = {
          severity: 'error',
          file,
          message: `agent '${name}' is declared by ${files.length} files: ${files.join(' and ')}; ${files.length === 2 ? 'neither' : 'none'} is loaded. Give each its own name`,
          agent: name,
        };
        diagnostics.push(diagnostic);
        if (!Object.hasOwn(failed, name)) setOwn(failed, name, diagnostic);
      }
      continue;
    }
    const only = reads[0]?.read;
    if (only?.agent) setOwn(agents, name, only.agent);
    else if (only?.failed) setOwn(failed, name, only.failed.diagnostic);
  }

  const yamlFile = join(dir, 'baton.agents.yaml');
  if (existsSync(yamlFile)) {
    const read = readAgentsYaml(yamlFile, shown(yamlFile));
    diagnostics.push(...read.diagnostics);
    for (const [name, diagnostic] of read.failed)
      if (!Object.hasOwn(failed, name)) setOwn(failed, name, diagnostic);
    for (const [name, definition] of read.definitions) {
      if (Object.hasOwn(failed, name)) {
        diagnostics.push({
          severity: 'warning',
          file: shown(yamlFile),
          message: `agent '${name}': not applied, the agent's file could not be loaded (${failed[name]?.file})`,
          agent: name,
        });
        continue;
      }
      const own = Object.hasOwn(agents, name) ? agents[name] : undefined;
      const base = own?.source === 'file' ? own : undefined;
      setOwn(agents, name, { ...base, ...definition, name, source: 'file' });
    }
  }

  for (const [name, diagnostic] of Object.entries(failed)) {
    if (Object.hasOwn(agents, name) && agents[name]?.source === 'builtin') {
      delete agents[name];
      diagnostics.push({
        severity: 'warning',
        file: diagnostic.file,
        message: `agent '${name}': the built-in simulated agent of that name is left out too, so that it never runs in the broken file's place`,
        agent: name,
      });
    }
  }
  return { catalog: agents, diagnostics, failed };
}

/**
 * For compile's `unavailableAgents`: each failed agent → why, completing "agent 'x' …", so a
 * reference to it says the file exists and what is wrong with it, not "unknown agent".
 */
export function unavailableAgents(registry: Pick<AgentRegistry, 'failed'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, d] of Object.entries(registry.failed)) {
    const duplicate = `agent '${name}' is declared by `;
    if (d.message.startsWith(duplicate)) {
      setOwn(out, name, d.message.slice(`agent '${name}' `.length));
      continue;
    }
    const what = d.file.endsWith('.md') ? 'that file' : 'its entry there';
    setOwn(
      out,
      name,
      `is defined in ${d.file} but ${what} could not be read: ${d.message}${d.line ? ` (line ${d.line})` : ''}`,
    );
  }
  return out;
}

/** The folder's `*.md` files, sorted; README.md and anything that is not a file are skipped. */
function agentFiles(
  folder: string,
  shown: (path: string) => string,
  diagnostics: RegistryDiagnostic[],
): string[] {
  if (!existsSync(folder)) return [];
  let entries: string[];
  try {
    entries = readdirSync(folder).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    diagnostics.push({ severity: 'error', file: shown(folder), message: `cannot list the folder (${code})` });
    return [];
  }
  return entries
    .filter((entry) => entry.endsWith('.md') && entry.toLowerCase() !== 'readme.md')
    .map((entry) => join(folder, entry))
    .filter((file) => {
      try {
        return statSync(file).isFile();
      } catch {
        return false;
      }
    });
}

/**
 * An own property whatever the name: `agents['__proto__'] = …` would set the object's
 * prototype rather than add an agent.
 */
function setOwn<T>(record: Record<string, T>, name: string, value: T): void {
  Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
}
