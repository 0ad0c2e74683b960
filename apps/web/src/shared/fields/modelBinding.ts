import type { ModelPath } from '@baton/core';
import { getIn, setIn } from '../../model/setIn';
import { useDocumentStore } from '../../store/useDocumentStore';

/** The value at a model path, re-read only when it changes. */
export function useModelValue(path: ModelPath): unknown {
  return useDocumentStore((s) => getIn(s.document, path));
}

export const pathKey = (path: ModelPath) => path.join('/');

/** Write one key of the model (`undefined` removes it); typing in one field is one undo step. */
export function setModelValue(path: ModelPath, value: unknown) {
  useDocumentStore.getState().edit((doc) => setIn(doc, path, value), { coalesce: pathKey(path) });
}
