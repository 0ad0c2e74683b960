import { type FileForm, type Orchestration, serialize, type YamlSource } from '@baton/core';
import { effectiveForm } from '../store/useDocumentStore';

interface Cached {
  form: FileForm;
  source: YamlSource | null;
  text: string;
}

const cache = new WeakMap<Orchestration, Cached>();

/**
 * The YAML text of a document: derived, never edited by hand here (docs/design.md §1). Written in the
 * preferred form when the document fits it, keeping the comments and layout of its source.
 */
export function documentYaml(document: Orchestration, preferredForm: FileForm, source: YamlSource | null) {
  const form = effectiveForm(document, preferredForm);
  const hit = cache.get(document);
  if (hit && hit.form === form && hit.source === source) return { text: hit.text, form };
  const text = serialize(document, { form, source });
  cache.set(document, { form, source, text });
  return { text, form };
}
