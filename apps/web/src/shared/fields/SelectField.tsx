import type { ModelPath } from '@baton/core';
import { FieldRow } from './FieldRow';
import { useFieldIssue } from './inspectorIssues';
import { setModelValue, useModelValue } from './modelBinding';

/** A key with a few allowed values; the first option may stand for "not set". */
export function SelectField({
  path,
  label,
  options,
  hint,
}: {
  path: ModelPath;
  label: string;
  options: { value: string | undefined; label: string }[];
  hint?: string;
}) {
  const value = useModelValue(path);
  const issue = useFieldIssue(path);
  const current = typeof value === 'string' ? value : '';
  return (
    <FieldRow label={label} issue={issue} hint={hint} keyName={String(path[path.length - 1])}>
      {(id) => (
        <select
          id={id}
          className="input"
          value={current}
          onChange={(e) =>
            setModelValue(path, options.find((o) => (o.value ?? '') === e.target.value)?.value)
          }
        >
          {options.map((o) => (
            <option key={o.value ?? ''} value={o.value ?? ''}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldRow>
  );
}
