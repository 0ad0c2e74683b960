import { type AgentInfo, type RegistryDiagnostic, type RuntimeKind, runtimeKindOf } from '@baton/core';
import { AGENTS_OPTION, loadCliRegistry, registryDiagnosticLine, shownPath } from '../agentRegistryOption.js';
import { EXIT, UsageError } from '../exitCodes.js';
import { io } from '../io.js';
import { parseCommandArgs } from '../parseCommandArgs.js';

/** One agent as `baton agents --json` prints it. */
export interface AgentListing {
  name: string;
  source: AgentInfo['source'];
  /** The agent file, relative to the current folder, for an agent read from `.claude/agents`. */
  file?: string;
  runtime: RuntimeKind;
  simulated: boolean;
  description?: string;
  model?: string;
}

export interface AgentsListing {
  /** The registry folder, as given (or "." for the current one). */
  folder: string;
  agents: AgentListing[];
  /** Agents a file declares but that could not be loaded, by name: file and why. */
  failed: Record<string, RegistryDiagnostic>;
  diagnostics: RegistryDiagnostic[];
}

/**
 * `baton agents [--agents DIR] [--json]`: every agent a run here would call, with its source
 * (built-in, or its file) and its runtime ("simulated" said plainly), then everything the
 * registry could not read as `file:line: severity: message`. Exit 0; 1 when DIR does not exist.
 */
export async function agentsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...AGENTS_OPTION, json: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`baton agents takes no file (got '${positionals[0]}')`);
  const loaded = loadCliRegistry(values.agents);
  if (!loaded) return EXIT.failed;
  const { catalog, diagnostics, failed } = loaded.registry;
  const here = (path: string) => shownPath(path, loaded.dir);

  const agents: AgentListing[] = Object.values(catalog)
    .map((agent) => {
      const runtime = runtimeKindOf(agent);
      const listing: AgentListing = {
        name: agent.name,
        source: agent.source,
        runtime,
        simulated: runtime === 'simulated',
      };
      if (agent.file !== undefined) listing.file = here(agent.file);
      if (agent.description !== undefined) listing.description = agent.description;
      if (agent.model !== undefined) listing.model = agent.model;
      return listing;
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  if (values.json) {
    const shown = (d: RegistryDiagnostic): RegistryDiagnostic => ({ ...d, file: here(d.file) });
    const body: AgentsListing = {
      folder: values.agents ?? '.',
      agents,
      failed: Object.fromEntries(Object.entries(failed).map(([name, d]) => [name, shown(d)])),
      diagnostics: diagnostics.map(shown),
    };
    io.out(JSON.stringify(body, null, 2));
    return EXIT.ok;
  }

  const fileAgents = agents.filter((a) => a.source !== 'builtin').length;
  io.out(
    `${agents.length} agent${agents.length === 1 ? '' : 's'} in ${values.agents ?? 'this folder'} (${fileAgents} from files, ${agents.length - fileAgents} built-in):`,
  );
  const nameWidth = Math.min(40, Math.max(...agents.map((a) => a.name.length), 4));
  const runtimeWidth = Math.max(...agents.map((a) => a.runtime.length), 7);
  for (const agent of agents) {
    const source = agent.file
      ? `file ${agent.file}`
      : agent.source === 'file'
        ? 'file baton.agents.yaml'
        : agent.source;
    io.out(`  ${agent.name.padEnd(nameWidth)}  ${agent.runtime.padEnd(runtimeWidth)}  ${source}`);
  }
  if (agents.some((a) => a.simulated)) {
    io.out(
      '  (simulated: a stand-in that waits and answers without doing the work; give the agent a runtime to run it for real)',
    );
  }
  const names = Object.keys(failed);
  if (names.length) {
    io.out(
      `\n${names.length} agent${names.length === 1 ? '' : 's'} could not be loaded (no built-in stands in): ${names.join(', ')}`,
    );
  }
  if (diagnostics.length) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    io.out(
      `\n${errors} error${errors === 1 ? '' : 's'}, ${diagnostics.length - errors} warning${diagnostics.length - errors === 1 ? '' : 's'}:`,
    );
    // By file, then line: each file's problems together, as an editor's problem list shows them.
    const sorted = [...diagnostics].sort(
      (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0),
    );
    for (const d of sorted) io.out(registryDiagnosticLine(d, loaded.dir));
  }
  return EXIT.ok;
}
