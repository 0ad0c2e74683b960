import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { CompileOptions, RegistryDiagnostic } from '@baton/core';
import { type AgentRegistry, loadAgentRegistry, unavailableAgents } from '@baton/engine';
import { io } from './io.js';

/** The agent registry a command reads: `--agents DIR`, else the folder it runs in (docs/design.md §3.3). */
export interface CliRegistry {
  /** The registry folder, absolute. */
  dir: string;
  registry: AgentRegistry;
  /** What compile needs: the catalog, and why each failed agent failed. */
  compile: Required<Pick<CompileOptions, 'agents' | 'unavailableAgents'>>;
}

/** The option's spec, for parseCommandArgs: one spelling for every command. */
export const AGENTS_OPTION = { agents: { type: 'string' } } as const;

/**
 * `--agents DIR`, or by default the current folder: its `.claude/agents/` and
 * `baton.agents.yaml`. A folder with neither gives the built-in agents, not an error; an
 * explicit `--agents DIR` that does not exist is one (null, already reported).
 */
export function loadCliRegistry(option: string | undefined): CliRegistry | null {
  const dir = resolve(option ?? '.');
  if (option !== undefined && !(existsSync(dir) && statSync(dir).isDirectory())) {
    io.err(`baton: --agents ${option}: no such folder`);
    return null;
  }
  const registry = loadAgentRegistry(dir);
  return {
    dir,
    registry,
    compile: { agents: registry.catalog, unavailableAgents: unavailableAgents(registry) },
  };
}

/** One diagnostic as `file:line: severity: message`, its file relative to the current folder (clickable). */
export function registryDiagnosticLine(d: RegistryDiagnostic, dir: string): string {
  return `${shownPath(d.file, dir)}${d.line ? `:${d.line}` : ''}: ${d.severity}: ${d.message}`;
}

/**
 * Before `run` or `validate`: the registry's errors on stderr (a file that failed is why a
 * reference to it fails), and warnings as one line pointing at `baton agents`.
 */
export function reportRegistryProblems(loaded: CliRegistry): void {
  const { diagnostics } = loaded.registry;
  for (const d of diagnostics) {
    if (d.severity === 'error') io.err(registryDiagnosticLine(d, loaded.dir));
  }
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (warnings) {
    io.err(
      `${warnings} agent-file warning${warnings === 1 ? '' : 's'}: run \`baton agents\` for the details`,
    );
  }
}

/** A registry path (relative to `dir`, or absolute) as the user finds it: from the current folder when inside it. */
export function shownPath(file: string, dir: string): string {
  const path = isAbsolute(file) ? file : resolve(dir, file);
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
