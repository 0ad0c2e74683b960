import type { ModelPath } from '@baton/core';
import { useMemo } from 'react';
import { useDocumentStore } from '../../store/useDocumentStore';
import { FieldRow } from './FieldRow';
import { useFieldIssue } from './inspectorIssues';
import { setModelValue, useModelValue } from './modelBinding';

/** The names the document can call: the registry's agents and its inline ones. */
export function useAgentNames(): string[] {
  const registry = useDocumentStore((s) => s.registry);
  const inline = useDocumentStore((s) => s.document.agents);
  return useMemo(
    () => [...new Set([...Object.keys(registry), ...Object.keys(inline ?? {})])].sort(),
    [registry, inline],
  );
}

export function AgentDatalist({ id }: { id: string }) {
  const names = useAgentNames();
  return (
    <datalist id={id}>
      {names.map((n) => (
        <option key={n} value={n} />
      ))}
    </datalist>
  );
}

/** An agent name, suggested from the registry; an unknown name is flagged inline. */
export function AgentField({
  path,
  label,
  required = true,
  onChange,
}: {
  path: ModelPath;
  label: string;
  required?: boolean;
  onChange?: (value: string | undefined) => void;
}) {
  const value = useModelValue(path);
  const own = useFieldIssue(path);
  const parent = useFieldIssue(path.slice(0, -1));
  const issue = own ?? parent;
  const text = typeof value === 'string' ? value : '';
  return (
    <FieldRow label={label} issue={issue} keyName={String(path[path.length - 1])}>
      {(id) => (
        <>
          <input
            id={id}
            className="input"
            list={`${id}-agents`}
            value={text}
            placeholder="agent name"
            onChange={(e) => {
              const v = e.target.value === '' && !required ? undefined : e.target.value;
              if (onChange) onChange(v);
              else setModelValue(path, v);
            }}
          />
          <AgentDatalist id={`${id}-agents`} />
        </>
      )}
    </FieldRow>
  );
}
