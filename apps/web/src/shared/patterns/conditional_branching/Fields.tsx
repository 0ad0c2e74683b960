import type { Branch, ModelPath } from '@baton/core';
import { AgentField } from '../../fields/AgentField';
import { setModelValue, useModelValue } from '../../fields/modelBinding';
import { TextField } from '../../fields/TextField';

export function ConditionalBranchingFields({ base }: { base: ModelPath }) {
  const logic = [...base, 'conditional_logic'];
  const branches = (useModelValue([...logic, 'branches']) as Branch[] | undefined) ?? [];
  return (
    <>
      <AgentField path={[...logic, 'analyzer']} label="Analyzer" />
      <TextField path={[...logic, 'analyzer_task']} label="Analyzer task" multiline />
      <h4 className="inspector-subhead">Branches</h4>
      {branches.map((_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: branches are edited in place by position
        <div className="sub-card" key={i}>
          <div className="sub-card-head">
            Branch {i + 1}
            <button
              type="button"
              className="btn-icon"
              aria-label="Remove branch"
              onClick={() =>
                setModelValue(
                  [...logic, 'branches'],
                  branches.filter((__, k) => k !== i),
                )
              }
            >
              ×
            </button>
          </div>
          <TextField
            path={[...logic, 'branches', i, 'condition']}
            label="Condition"
            required
            hint='The analyzer’s result picks it; "default" matches when none does'
          />
          <AgentField path={[...logic, 'branches', i, 'agent']} label="Agent" />
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small btn-ghost"
        onClick={() =>
          setModelValue(
            [...logic, 'branches'],
            [...branches, { condition: branches.length ? 'default' : 'condition_1', agent: '' }],
          )
        }
      >
        + Add branch
      </button>
    </>
  );
}
