import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { type AgentCatalog, PATTERN_TITLES, parse } from '@baton/core';
import type { Logger } from 'pino';
import { checkYamlText } from './checks/checkYamlText.js';
import { withExampleTasks } from './exampleTasks.js';
import { checkedOrThrow } from './http/checkOrchestration.js';
import { orchestrationInput } from './routes/orchestrationsRoutes.js';
import type { OrchestrationStore } from './store/orchestrationStore.js';

export const EXAMPLES_DIR = new URL('../../../examples/', import.meta.url).pathname;

function exampleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? exampleFiles(join(dir, entry.name))
        : entry.name.endsWith('.baton.yaml')
          ? [join(dir, entry.name)]
          : [],
    )
    .sort();
}

/** A seed snippet has no name of its own: "Seed · Primary with Reviewers". */
function nameOf(yaml: string): string | undefined {
  const { document, form } = parse(yaml);
  const pattern = document?.stages[0]?.pattern;
  return form === 'seed' && pattern ? `Seed · ${PATTERN_TITLES[pattern]}` : undefined;
}

/** Fill an empty store with the examples, so a newcomer sees orchestrations at once. */
export function loadExamples(
  store: OrchestrationStore,
  agents: AgentCatalog,
  logger: Logger,
  dir = EXAMPLES_DIR,
): number {
  if (store.count() > 0) return 0;
  let loaded = 0;
  const texts = exampleFiles(dir).map((path) => ({
    path,
    name: `examples/${relative(dir, path)}`,
    yaml: readFileSync(path, 'utf8'),
  }));
  for (const { path, yaml: text } of texts) {
    // No example may run nothing: a seed snippet without tasks gets its example's (exampleTasks).
    const yaml = withExampleTasks(text, texts);
    try {
      // At start-up, before the server listens: checked here rather than on a worker thread.
      const check = checkYamlText(yaml, { agents, unavailableAgents: {} });
      store.create(orchestrationInput(checkedOrThrow(yaml, check), nameOf(yaml)));
      loaded++;
    } catch (error) {
      logger.warn({ file: basename(path), err: error }, 'example not loaded');
    }
  }
  return loaded;
}
