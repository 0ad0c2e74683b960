import { stageIdOf } from '@baton/core';
import { useDocumentStore } from '../../store/useDocumentStore';
import { FieldRow } from './FieldRow';
import { useFieldIssue } from './inspectorIssues';
import { setModelValue } from './modelBinding';

/** `needs`: the stages this one waits for; unset means "after the previous stage". */
export function NeedsField({ index }: { index: number }) {
  const stages = useDocumentStore((s) => s.document.stages);
  const stage = stages[index];
  const path = ['stages', index, 'needs'];
  const issue = useFieldIssue(path);
  if (!stage) return null;
  const own = stageIdOf(stage, index);
  const others = stages.map((s, i) => stageIdOf(s, i)).filter((id) => id !== own);
  const needs = stage.needs;
  const previous = index > 0 ? stageIdOf(stages[index - 1] as typeof stage, index - 1) : null;
  return (
    <FieldRow
      label="Runs after"
      issue={issue}
      keyName="needs"
      hint="Or drag from a block's bottom handle to another block's top handle."
    >
      {(id) => (
        <div className="needs-field" id={id}>
          <label className="check">
            <input
              type="checkbox"
              checked={needs === undefined}
              onChange={(e) => setModelValue(path, e.target.checked ? undefined : previous ? [previous] : [])}
            />
            Default order {previous ? `(after ${previous})` : '(starts at once)'}
          </label>
          {needs !== undefined
            ? others.map((other) => (
                <label key={other} className="check">
                  <input
                    type="checkbox"
                    checked={needs.includes(other)}
                    onChange={(e) =>
                      setModelValue(
                        path,
                        e.target.checked ? [...needs, other] : needs.filter((n) => n !== other),
                      )
                    }
                  />
                  <code>{other}</code>
                </label>
              ))
            : null}
          {needs !== undefined && needs.length === 0 ? (
            <div className="field-hint">Starts at once.</div>
          ) : null}
        </div>
      )}
    </FieldRow>
  );
}
