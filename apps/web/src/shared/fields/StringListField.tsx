import type { ModelPath } from '@baton/core';
import { useId } from 'react';
import { classNames } from '../classNames';
import { AgentDatalist } from './AgentField';
import { FieldRow } from './FieldRow';
import { useFieldIssue } from './inspectorIssues';
import { setModelValue, useModelValue } from './modelBinding';

/** A list of strings (checklist, handoff artifacts, fan-out tasks, reviewers): edit, add, remove. */
export function StringListField({
  path,
  label,
  addLabel = 'Add',
  placeholder,
  agents,
  removeEmpty = true,
  hint,
}: {
  path: ModelPath;
  label: string;
  addLabel?: string;
  placeholder?: string;
  agents?: boolean;
  /** Remove the key when the list becomes empty (an optional list). */
  removeEmpty?: boolean;
  hint?: string;
}) {
  const value = useModelValue(path);
  const items = Array.isArray(value)
    ? (value as unknown[]).map((v) => (typeof v === 'string' ? v : String(v)))
    : [];
  const issue = useFieldIssue(path);
  const listId = useId();
  const write = (next: string[]) => setModelValue(path, next.length === 0 && removeEmpty ? undefined : next);
  return (
    <FieldRow label={label} issue={issue} hint={hint} keyName={String(path[path.length - 1])}>
      {(id) => (
        <div className="string-list" id={id}>
          {agents ? <AgentDatalist id={listId} /> : null}
          {items.map((item, i) => (
            <ListItem
              // biome-ignore lint/suspicious/noArrayIndexKey: the items are plain strings, edited in place
              key={i}
              path={[...path, i]}
              value={item}
              placeholder={placeholder}
              list={agents ? listId : undefined}
              onChange={(v) => write(items.map((x, k) => (k === i ? v : x)))}
              onRemove={() => write(items.filter((_, k) => k !== i))}
            />
          ))}
          <button type="button" className="btn btn-small btn-ghost" onClick={() => write([...items, ''])}>
            + {addLabel}
          </button>
        </div>
      )}
    </FieldRow>
  );
}

function ListItem({
  path,
  value,
  placeholder,
  list,
  onChange,
  onRemove,
}: {
  path: ModelPath;
  value: string;
  placeholder?: string;
  list?: string;
  onChange: (value: string) => void;
  onRemove: () => void;
}) {
  const issue = useFieldIssue(path);
  return (
    <div className={classNames('string-list-item', issue && 'has-issue')} title={issue ?? undefined}>
      <input
        className="input"
        value={value}
        placeholder={placeholder}
        list={list}
        onChange={(e) => onChange(e.target.value)}
      />
      <button type="button" className="btn-icon" onClick={onRemove} aria-label="Remove">
        ×
      </button>
      {issue ? <div className="field-issue">{issue}</div> : null}
    </div>
  );
}
