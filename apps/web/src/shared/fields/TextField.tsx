import type { ModelPath } from '@baton/core';
import { FieldRow } from './FieldRow';
import { useFieldIssue } from './inspectorIssues';
import { setModelValue, useModelValue } from './modelBinding';

/**
 * A text key. Emptying an optional key removes it from the file; a required one (an agent, a
 * name) stays as an empty string so the validation can say what is missing.
 */
export function TextField({
  path,
  label,
  placeholder,
  multiline,
  required,
  hint,
  onChange,
}: {
  path: ModelPath;
  label: string;
  placeholder?: string;
  multiline?: boolean;
  required?: boolean;
  hint?: string;
  onChange?: (value: string | undefined) => void;
}) {
  const value = useModelValue(path);
  const issue = useFieldIssue(path);
  const text = typeof value === 'string' ? value : value === undefined ? '' : String(value);
  const write = (next: string) => {
    const v = next === '' && !required ? undefined : next;
    if (onChange) onChange(v);
    else setModelValue(path, v);
  };
  return (
    <FieldRow label={label} issue={issue} hint={hint} keyName={String(path[path.length - 1])}>
      {(id) =>
        multiline ? (
          <textarea
            id={id}
            className="input"
            rows={3}
            value={text}
            placeholder={placeholder}
            onChange={(e) => write(e.target.value)}
          />
        ) : (
          <input
            id={id}
            className="input"
            value={text}
            placeholder={placeholder}
            onChange={(e) => write(e.target.value)}
          />
        )
      }
    </FieldRow>
  );
}
