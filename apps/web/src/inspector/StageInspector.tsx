import { type ModelPath, PATTERN_TITLES } from '@baton/core';
import { useMemo } from 'react';
import { renameStage } from '../model/renameStage';
import { IssuesContext, stageIssues } from '../shared/fields/inspectorIssues';
import { pathKey } from '../shared/fields/modelBinding';
import { NeedsField } from '../shared/fields/NeedsField';
import { TextField } from '../shared/fields/TextField';
import { PatternGlyph } from '../shared/patterns/PatternGlyph';
import { WEB_PATTERNS, webPatternOf } from '../shared/patterns/registry';
import { useCanvasStore } from '../store/useCanvasStore';
import { useDocumentStore } from '../store/useDocumentStore';
import { useSelectionStore } from '../store/useSelectionStore';
import type { InspectorCommands } from './inspectorCommands';
import { StepSettingsFields } from './StepSettingsFields';

/** Rename a stage (id or name): `needs`, the block's place and the selection follow. */
function rename(index: number, key: 'id' | 'name', value: string | undefined) {
  const { document, edit } = useDocumentStore.getState();
  const result = renameStage(document, index, key, value);
  if (result.from !== result.to) {
    useCanvasStore.getState().renameStages({ [result.from]: result.to });
    useSelectionStore.getState().select({ kind: 'stage', stageId: result.to });
  }
  edit(() => result.document, { coalesce: pathKey(['stages', index, key]) });
}

/** The selected block: every key of its pattern (docs/design.md §2.2) and the stage's own keys. */
export function StageInspector({ stageId, commands }: { stageId: string; commands: InspectorCommands }) {
  const view = useDocumentStore((s) => s.views.stages[stageId]);
  const document = useDocumentStore((s) => s.document);
  const compiled = useDocumentStore((s) => s.views.issues);
  const index = view?.index ?? -1;
  const stage = document.stages[index];
  const issues = useMemo(() => stageIssues(document, index, compiled), [document, index, compiled]);
  if (!view || !stage) return null;
  const base: ModelPath = ['stages', index];
  const one = document.stages.length === 1;
  const { Fields } = webPatternOf(stage.pattern);
  return (
    <IssuesContext.Provider value={issues}>
      <div className="inspector-card" data-testid="stage-inspector">
        <div className="inspector-title">
          <PatternGlyph pattern={stage.pattern} size={28} />
          <div>
            <h3>{PATTERN_TITLES[stage.pattern]}</h3>
            <p className="inspector-sub">{WEB_PATTERNS[stage.pattern].hint}</p>
          </div>
        </div>
        <TextField
          path={[...base, 'name']}
          label="Name"
          placeholder={PATTERN_TITLES[stage.pattern]}
          onChange={(v) => rename(index, 'name', v)}
        />
        <TextField
          path={[...base, 'id']}
          label="Id"
          placeholder={stageId}
          hint={one ? 'A name or id makes the file full form' : 'Letters, digits, - and _; used by needs'}
          onChange={(v) => rename(index, 'id', v)}
        />
        <TextField path={[...base, 'description']} label="Description" multiline />
        {document.stages.length > 1 ? <NeedsField index={index} /> : null}
        <div className="inspector-section">
          <Fields base={base} stageId={stageId} />
        </div>
        <StepSettingsFields base={base} inherited="defaults" />
        {issues.get(pathKey(base)) ? <div className="field-issue">{issues.get(pathKey(base))}</div> : null}
        <div className="inspector-actions">
          <button
            type="button"
            className="btn btn-danger-ghost"
            onClick={commands.deleteSelection}
            data-testid="delete-stage"
          >
            Delete block
          </button>
        </div>
      </div>
    </IssuesContext.Provider>
  );
}
