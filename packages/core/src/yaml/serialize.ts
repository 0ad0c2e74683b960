import { Document } from 'yaml';
import { deepEqual } from '../model/deepEqual.js';
import { inferPattern } from '../model/patterns.js';
import type { Orchestration, Stage } from '../model/types.js';
import { PATTERN_REGISTRY } from '../patterns/registry.js';
import { patchDocument } from './patchDocument.js';
import { writeSeedHeader } from './seedHeader.js';
import type { FileForm, YamlSource } from './YamlSource.js';

export interface SerializeOptions {
  form?: FileForm;
  /** The file the document was loaded from: its comments, order and quoting are kept. */
  source?: YamlSource | null;
}

/** Why a document cannot be written in seed form, or `null` when it can. */
export function seedFormBlocker(document: Orchestration): string | null {
  if (document.stages.length !== 1) {
    return `the seed form holds exactly one stage; this orchestration has ${document.stages.length}`;
  }
  // A name and a description travel as a leading comment (seedHeader); these have no place.
  const extra = (['defaults', 'agents'] as const).filter((k) => document[k] !== undefined);
  if (extra.length) return `the seed form has no place for ${extra.join(', ')}; export the full form`;
  const stage = document.stages[0] as Stage;
  // Its id, name and description travel in the leading comment too.
  const stageExtra = (['needs', 'timeout', 'retries', 'fallback_agent'] as const).filter(
    (k) => stage[k] !== undefined,
  );
  if (stageExtra.length)
    return `the seed form has no place for the stage's ${stageExtra.join(', ')}; export the full form`;
  return null;
}

export class SerializeError extends Error {}

/** The plain value written for a document in a form: the model, minus what the form implies. */
export function toFileValue(document: Orchestration, form: FileForm): Record<string, unknown> {
  if (form === 'seed') {
    const blocker = seedFormBlocker(document);
    if (blocker) throw new SerializeError(blocker);
    const { pattern, id: _id, name: _name, description: _description, ...keys } = document.stages[0] as Stage;
    return withInferablePattern(pattern, keys);
  }
  const { version, name, description, defaults, agents, stages } = document;
  return { version, name, description, defaults, agents, stages: stages.map(orderStageKeys) };
}

/**
 * A seed file tells its pattern by its keys alone. A pattern whose keys can leave that implicit
 * (`parallel_execution`) gets its marker written out (each module's `seed.marker`).
 */
function withInferablePattern(
  pattern: Stage['pattern'],
  keys: Record<string, unknown>,
): Record<string, unknown> {
  if (inferPattern(keys) === pattern) return keys;
  const marker = PATTERN_REGISTRY[pattern].seed.marker(keys);
  if (marker) return { ...marker, ...keys };
  throw new SerializeError(
    `in seed form these keys would read as ${inferPattern(keys) ?? 'no pattern'}, not ${pattern}; export the full form`,
  );
}

/** id, name, description, pattern and needs first: how a person reads a stage. */
function orderStageKeys(stage: Stage): Record<string, unknown> {
  const { id, name, description, pattern, needs, ...rest } = stage;
  return { id, name, description, pattern, needs, ...rest };
}

/**
 * Write a document as YAML. With the `source` it was loaded from, an unchanged document gives
 * back the very same text, and an edited one keeps the comments of the parts not edited.
 * Throws `SerializeError` when asked for the seed form of a document that has no seed form.
 */
export function serialize(document: Orchestration, options: SerializeOptions = {}): string {
  const source = options.source ?? null;
  const form = options.form ?? source?.form ?? 'full';
  const value = toFileValue(document, form);
  if (source && source.form === form && source.document && deepEqual(source.document, document)) {
    return source.text;
  }
  let text: string;
  if (source && source.form === form) {
    const doc = source.doc.clone();
    patchDocument(doc, value);
    text = doc.toString({ lineWidth: 0 });
  } else {
    text = new Document(value).toString({ lineWidth: 0 });
  }
  if (form !== 'seed') return text;
  const stage = document.stages[0];
  return writeSeedHeader(text, {
    name: document.name,
    description: document.description,
    stageId: stage?.id,
    stageName: stage?.name,
    stageDescription: stage?.description,
  });
}
