import { readFileSync, statSync } from 'node:fs';
import { type AgentDefinition, type RegistryDiagnostic, schemas } from '@baton/core';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { MAX_AGENT_FILE_BYTES } from './readAgentFile.js';
import { isPlainObject, issuesText, toJs } from './yamlValue.js';

export interface AgentsYamlRead {
  definitions: [string, AgentDefinition][];
  /** Entries that name an agent but could not be read, by name. */
  failed: [string, RegistryDiagnostic][];
  diagnostics: RegistryDiagnostic[];
}

/**
 * `baton.agents.yaml`: agent name → definition. `path` is read; `shown` names it in diagnostics.
 * A bad entry is left out (and reported by name); the others load.
 */
export function readAgentsYaml(path: string, shown: string): AgentsYamlRead {
  const out: AgentsYamlRead = { definitions: [], failed: [], diagnostics: [] };
  const whole = (message: string, line = 1) => {
    out.diagnostics.push({ severity: 'error', file: shown, line, message });
    return out;
  };
  let text: string;
  try {
    if (statSync(path).size > MAX_AGENT_FILE_BYTES) return whole('the file is over 1 MB: not read');
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return whole(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const line = error.pos[0] === undefined ? 1 : lines.linePos(error.pos[0]).line;
    return whole(error.message.split('\n', 1)[0] ?? 'bad YAML', line);
  }
  const value = toJs(doc);
  if (value instanceof Error) return whole(value.message);
  if (value === null || value === undefined) return out;
  if (!isPlainObject(value)) return whole('expected a map of agent name → definition');

  for (const [name, definition] of Object.entries(value)) {
    const parsed = schemas.agentDefinitionSchema.safeParse(definition ?? {});
    if (parsed.success) {
      out.definitions.push([name, parsed.data]);
      continue;
    }
    const key = isMap(doc.contents)
      ? doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === name)?.key
      : undefined;
    const range = isScalar(key) ? key.range : undefined;
    const line = range ? lines.linePos(range[0]).line : undefined;
    const diagnostic: RegistryDiagnostic = {
      severity: 'error',
      file: shown,
      ...(line === undefined ? {} : { line }),
      message: `agent '${name}': ${issuesText(parsed.error.issues)}`,
      agent: name,
    };
    out.diagnostics.push(diagnostic);
    out.failed.push([name, diagnostic]);
  }
  return out;
}
