import type { ModelPath } from '@baton/core';
import { useEffect, useState } from 'react';
import { FieldRow } from './FieldRow';
import { useFieldIssue } from './inspectorIssues';
import { setModelValue, useModelValue } from './modelBinding';

/** A whole-number key; empty removes it (the default applies). */
export function NumberField({
  path,
  label,
  placeholder,
  hint,
  min,
}: {
  path: ModelPath;
  label: string;
  placeholder?: string;
  hint?: string;
  min?: number;
}) {
  const value = useModelValue(path);
  const issue = useFieldIssue(path);
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => setText(value === undefined ? '' : String(value)), [value]);
  const local = text !== '' && !/^-?\d+$/.test(text.trim()) ? 'a whole number' : null;
  return (
    <FieldRow label={label} issue={local ?? issue} hint={hint} keyName={String(path[path.length - 1])}>
      {(id) => (
        <input
          id={id}
          className="input input-number"
          inputMode="numeric"
          value={text}
          placeholder={placeholder}
          min={min}
          onChange={(e) => {
            const next = e.target.value;
            setText(next);
            if (next.trim() === '') setModelValue(path, undefined);
            else if (/^-?\d+$/.test(next.trim())) setModelValue(path, Number(next.trim()));
          }}
        />
      )}
    </FieldRow>
  );
}
