import { nothingToRun, parse, type Stage, serialize, validate } from '@baton/core';

export interface ExampleText {
  /** Its path under examples/, as a user would look for it. */
  name: string;
  yaml: string;
}

/**
 * Some of the seed's configuration snippets name no task (Pattern 1 is two keys), so as
 * examples they would run nothing. In the server's list such a snippet is shown with the tasks
 * of the seed's own example for its pattern — the one-stage full-form example of that pattern
 * (`examples/full/<n>-…`, the seed document's diagram written out) — still in seed form, and
 * saying so in a leading comment. Anything else is returned as it is.
 */
export function withExampleTasks(yaml: string, examples: readonly ExampleText[]): string {
  const seed = validate(yaml);
  const stage = seed.document?.stages[0];
  if (seed.form !== 'seed' || !stage || !seed.plan || !seed.source || nothingToRun(seed.plan) === null) {
    return yaml;
  }
  for (const example of examples) {
    const { document, form } = parse(example.yaml);
    const only: Stage | undefined = document?.stages.length === 1 ? document.stages[0] : undefined;
    if (form !== 'full' || only?.pattern !== stage.pattern || !('tasks' in only) || !only.tasks?.length)
      continue;
    // Same pattern, so the same kind of tasks.
    const filled = { ...seed.document!, stages: [{ ...stage, tasks: only.tasks } as Stage] };
    const text = serialize(filled, { form: 'seed', source: seed.source });
    return `# The seed's configuration for this pattern, with the tasks of its example (${example.name}).\n${text}`;
  }
  return yaml;
}
