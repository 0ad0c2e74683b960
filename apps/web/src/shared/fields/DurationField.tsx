import type { ModelPath } from '@baton/core';
import { FieldRow } from './FieldRow';
import { useFieldIssue } from './inspectorIssues';
import { setModelValue, useModelValue } from './modelBinding';

/** A duration: milliseconds or text such as `250ms`, `2s`, `15m`, `1h`. */
export function DurationField({
  path,
  label,
  placeholder,
}: {
  path: ModelPath;
  label: string;
  placeholder?: string;
}) {
  const value = useModelValue(path);
  const issue = useFieldIssue(path);
  const text = value === undefined ? '' : String(value);
  return (
    <FieldRow label={label} issue={issue} keyName={String(path[path.length - 1])}>
      {(id) => (
        <input
          id={id}
          className="input"
          value={text}
          placeholder={placeholder ?? 'e.g. 15m'}
          onChange={(e) => {
            const next = e.target.value.trim();
            setModelValue(path, next === '' ? undefined : /^\d+$/.test(next) ? Number(next) : next);
          }}
        />
      )}
    </FieldRow>
  );
}
