import type { ModelPath, Stage, StepRole, SyncPoint } from '@baton/core';
import { refOfStepId, siblingCount } from '@baton/core';
import { useMemo } from 'react';
import { AgentField } from '../shared/fields/AgentField';
import { IssuesContext, stageIssues } from '../shared/fields/inspectorIssues';
import { setModelValue } from '../shared/fields/modelBinding';
import { SelectField } from '../shared/fields/SelectField';
import { StringListField } from '../shared/fields/StringListField';
import { TextField } from '../shared/fields/TextField';
import { ROLE_LABEL } from '../shared/stepRoles';
import { useDocumentStore } from '../store/useDocumentStore';
import { useSelectionStore } from '../store/useSelectionStore';
import type { InspectorCommands } from './inspectorCommands';
import { StepSettingsFields } from './StepSettingsFields';

const syncName = (p: SyncPoint) => (typeof p === 'string' ? p : p.name);

/** The fields of a step, by its role: the model keys it is written with (docs/design.md §2.2). */
function RoleFields({
  role,
  base,
  index,
  stage,
  stageId,
}: {
  role: StepRole;
  base: ModelPath;
  index: number;
  stage: Stage;
  stageId: string;
}) {
  switch (role) {
    case 'task': {
      const at = [...base, 'tasks', index];
      return (
        <>
          <AgentField path={[...at, 'agent']} label="Agent" />
          <TextField path={[...at, 'task']} label="Task" multiline />
          <StringListField path={[...at, 'checklist']} label="Checklist" addLabel="Add item" />
          {stage.pattern === 'parallel_with_sync' ? (
            <SelectField
              path={[...at, 'after']}
              label="Runs after sync point"
              options={[
                { value: undefined, label: 'Before the first sync point' },
                ...stage.sync_points.map((p) => ({ value: syncName(p), label: syncName(p) })),
              ]}
            />
          ) : null}
          <TextField
            path={[...at, 'produces']}
            label="Produces artifact"
            placeholder={
              stage.pattern === 'sequential_handoff' ? stage.handoff_artifacts?.[index] : undefined
            }
          />
          <TextField
            path={[...at, 'id']}
            label="Step id"
            hint="Optional stable id (replaces task.N)"
            onChange={(v) => {
              // The step's id is its node's id: keep it selected under the new one.
              setModelValue([...at, 'id'], v);
              useSelectionStore
                .getState()
                .select({ kind: 'step', stepId: `${stageId}.${v ?? `task.${index}`}` });
            }}
          />
          <StepSettingsFields base={at} inherited="stage" />
        </>
      );
    }
    case 'sync':
      return <p className="inspector-empty-note">Edit sync points on the block (select the block).</p>;
    case 'primary':
      return (
        <>
          <AgentField path={[...base, 'primary_agent']} label="Primary agent" />
          <TextField path={[...base, 'primary_task']} label="Task" multiline />
        </>
      );
    case 'reviewer': {
      const agent = stage.pattern === 'primary_with_reviewers' ? stage.reviewer_agents?.[index] : undefined;
      return (
        <>
          <AgentField path={[...base, 'reviewer_agents', index]} label="Reviewer" />
          {agent ? (
            <TextField
              path={[...base, 'review_tasks', agent]}
              label="Review task"
              multiline
              onChange={(v) => {
                const tasks = stage.pattern === 'primary_with_reviewers' ? { ...stage.review_tasks } : {};
                if (v === undefined) delete tasks[agent];
                else tasks[agent] = v;
                setModelValue([...base, 'review_tasks'], Object.keys(tasks).length ? tasks : undefined);
              }}
            />
          ) : null}
        </>
      );
    }
    case 'phase':
    case 'validator': {
      const at = [...base, 'phases', index];
      return (
        <>
          <TextField path={[...at, 'name']} label="Phase name" required />
          <AgentField path={[...at, 'agent']} label="Agent" />
          <TextField path={[...at, 'task']} label="Task" multiline />
          <StringListField path={[...at, 'checklist']} label="Checklist" addLabel="Add item" />
          <AgentField path={[...at, 'validator']} label="Validator" required={false} />
          <TextField path={[...at, 'validator_task']} label="Validator task" />
          <StepSettingsFields base={at} inherited="stage" />
        </>
      );
    }
    case 'fanout':
      return (
        <>
          <TextField path={[...base, 'fan_out', 'tasks', index]} label="Task" required />
          <AgentField path={[...base, 'fan_out', 'agent']} label="Agent (all fan-out tasks)" />
        </>
      );
    case 'fanin':
      return (
        <>
          <AgentField path={[...base, 'fan_in', 'agent']} label="Agent" />
          <TextField path={[...base, 'fan_in', 'task']} label="Task" />
        </>
      );
    case 'analyzer':
      return (
        <>
          <AgentField path={[...base, 'conditional_logic', 'analyzer']} label="Analyzer" />
          <TextField path={[...base, 'conditional_logic', 'analyzer_task']} label="Task" multiline />
        </>
      );
    case 'branch': {
      const at = [...base, 'conditional_logic', 'branches', index];
      return (
        <>
          <TextField
            path={[...at, 'condition']}
            label="Condition"
            required
            hint='"default" runs when no other condition matches'
          />
          <AgentField path={[...at, 'agent']} label="Agent" />
          <TextField path={[...at, 'task']} label="Task" multiline />
          <StringListField path={[...at, 'checklist']} label="Checklist" addLabel="Add item" />
          <StepSettingsFields base={at} inherited="stage" />
        </>
      );
    }
  }
}

/** The selected step: its keys, reordering and deletion. */
export function StepInspector({ stepId, commands }: { stepId: string; commands: InspectorCommands }) {
  const view = useDocumentStore((s) => s.views.steps[stepId]);
  const plan = useDocumentStore((s) => s.views.plan);
  const document = useDocumentStore((s) => s.document);
  const compiled = useDocumentStore((s) => s.views.issues);
  const ref = refOfStepId(plan, stepId);
  const index = ref?.stageIndex ?? -1;
  const issues = useMemo(() => stageIssues(document, index, compiled), [document, index, compiled]);
  const stage = document.stages[index];
  if (!view || !ref || !stage) return null;
  const count = siblingCount(stage, ref);
  const base: ModelPath = ['stages', ref.stageIndex];
  return (
    <IssuesContext.Provider value={issues}>
      <div className="inspector-card" data-testid="step-inspector">
        <div className="inspector-title">
          <span className={`role-badge role-${view.role}`}>{ROLE_LABEL[view.role]}</span>
          <div>
            <h3>{view.agent || (view.agent === null ? 'Barrier' : 'Empty slot')}</h3>
            <p className="inspector-sub">
              <code>{stepId}</code> in{' '}
              <button
                type="button"
                className="link"
                onClick={() => useSelectionStore.getState().select({ kind: 'stage', stageId: view.stageId })}
              >
                {view.stageId}
              </button>
            </p>
          </div>
        </div>
        {view.firstIssue && view.agent !== '' ? <div className="field-issue">{view.firstIssue}</div> : null}
        <RoleFields role={view.role} base={base} index={ref.index} stage={stage} stageId={view.stageId} />
        <div className="inspector-actions">
          {count > 1 ? (
            <>
              <button
                type="button"
                className="btn btn-small"
                disabled={ref.index === 0}
                onClick={() => commands.nudgeSelection(-1)}
                title="Alt+←"
              >
                ← Earlier
              </button>
              <button
                type="button"
                className="btn btn-small"
                disabled={ref.index >= count - 1}
                onClick={() => commands.nudgeSelection(1)}
                title="Alt+→"
              >
                Later →
              </button>
            </>
          ) : null}
          <span className="spacer" />
          <button
            type="button"
            className="btn btn-small btn-danger-ghost"
            onClick={commands.deleteSelection}
            data-testid="delete-step"
          >
            {view.role === 'primary' || view.role === 'fanin' || view.role === 'analyzer'
              ? 'Clear slot'
              : 'Delete'}
          </button>
        </div>
      </div>
    </IssuesContext.Provider>
  );
}
