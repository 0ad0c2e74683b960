import type { ModelPath } from '@baton/core';
import { FieldRow } from './FieldRow';
import { useFieldIssue } from './inspectorIssues';
import { setModelValue, useModelValue } from './modelBinding';

/** A true/false key, with "default" when the file does not say (the key is then not written). */
export function BooleanField({
  path,
  label,
  defaultValue,
  hint,
  allowUnset = true,
}: {
  path: ModelPath;
  label: string;
  defaultValue: boolean;
  hint?: string;
  allowUnset?: boolean;
}) {
  const value = useModelValue(path);
  const issue = useFieldIssue(path);
  const current = value === true ? 'true' : value === false ? 'false' : 'unset';
  return (
    <FieldRow label={label} issue={issue} hint={hint} keyName={String(path[path.length - 1])}>
      {(id) => (
        <select
          id={id}
          className="input"
          value={current}
          onChange={(e) =>
            setModelValue(path, e.target.value === 'unset' ? undefined : e.target.value === 'true')
          }
        >
          {allowUnset || current === 'unset' ? (
            <option value="unset">Default ({defaultValue ? 'yes' : 'no'})</option>
          ) : null}
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      )}
    </FieldRow>
  );
}
