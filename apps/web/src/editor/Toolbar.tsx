import { useNavigate } from 'react-router';
import { ExportMenu } from '../io/ExportMenu';
import { RunControls } from '../run/RunControls';
import { classNames } from '../shared/classNames';
import { setModelValue } from '../shared/fields/modelBinding';
import { Logo } from '../shared/Logo';
import { useCanvasStore } from '../store/useCanvasStore';
import { useCanRedo, useCanUndo, useDocumentStore, useIsDirty } from '../store/useDocumentStore';
import { useSessionStore } from '../store/useSessionStore';
import { useYamlEditorStore } from '../yaml/useYamlEditorStore';
import { editorCommands } from './editorCommands';
import { saveDocument } from './saveDocument';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

/** The editor's top bar: title, history, layout, import/export, save, run. */
export function Toolbar({
  onImport,
  onLayout,
  onFit,
  onHelp,
}: {
  onImport(): void;
  onLayout(): void;
  onFit(): void;
  onHelp(): void;
}) {
  const navigate = useNavigate();
  const name = useDocumentStore((s) => s.document.name);
  const fallbackName = useSessionStore((s) => s.name);
  const saving = useSessionStore((s) => s.saving);
  const version = useSessionStore((s) => s.baseVersion);
  const id = useSessionStore((s) => s.id);
  const dirty = useIsDirty();
  const typingYaml = useYamlEditorStore((s) => s.pending);
  // Text being typed in the YAML tab is an edit too (recorded when undone).
  const canUndo = useCanUndo() || typingYaml;
  const canRedo = useCanRedo();
  // While a run is shown the document is not on the canvas: nothing here may change it unseen.
  const viewingRun = useCanvasStore((s) => s.runGraph !== null);
  const empty = useDocumentStore((s) => s.document.stages.length === 0);
  const errors = useDocumentStore((s) => s.views.issues.filter((i) => i.severity === 'error').length);
  const whyNot = empty
    ? 'Add a pattern block to run'
    : errors
      ? `Fix ${errors} error${errors === 1 ? '' : 's'} to run (see the YAML tab)`
      : null;
  return (
    <header className="toolbar">
      <Logo />
      <div className="toolbar-title">
        <input
          className="title-input"
          value={name ?? ''}
          placeholder={fallbackName ?? 'Untitled orchestration'}
          onChange={(e) => setModelValue(['name'], e.target.value === '' ? undefined : e.target.value)}
          aria-label="Orchestration name"
          disabled={viewingRun}
          data-testid="title"
        />
        <span className={classNames('save-state', dirty && 'is-dirty')} data-testid="save-state">
          {saving ? 'Saving…' : dirty ? 'Unsaved changes' : id ? `Saved · v${version}` : 'Not saved yet'}
        </span>
      </div>
      <div className="toolbar-group">
        <button
          type="button"
          className="btn btn-icon-text"
          onClick={editorCommands.undo}
          disabled={!canUndo || viewingRun}
          title={`Undo (${MOD}Z)`}
          data-testid="undo"
        >
          ↶ <span>Undo</span>
        </button>
        <button
          type="button"
          className="btn btn-icon-text"
          onClick={editorCommands.redo}
          disabled={!canRedo || viewingRun}
          title={`Redo (${isMac ? '⇧⌘Z' : 'Ctrl+Y'})`}
          data-testid="redo"
        >
          ↷ <span>Redo</span>
        </button>
      </div>
      <div className="toolbar-group">
        <button
          type="button"
          className="btn"
          onClick={onLayout}
          disabled={empty || viewingRun}
          title="Auto-layout with ELK (L)"
          data-testid="layout"
        >
          Auto-layout
        </button>
        <button
          type="button"
          className="btn"
          onClick={onFit}
          disabled={empty && !viewingRun}
          title="Fit view (F)"
          data-testid="fit"
        >
          Fit
        </button>
        <button
          type="button"
          className="btn-icon toolbar-help"
          onClick={onHelp}
          title="Keyboard shortcuts (?)"
          aria-label="Keyboard shortcuts"
        >
          ?
        </button>
      </div>
      <span className="spacer" />
      <div className="toolbar-group">
        <button
          type="button"
          className="btn"
          onClick={onImport}
          disabled={viewingRun}
          title={viewingRun ? 'Back to editing to import' : undefined}
          data-testid="import"
        >
          Import
        </button>
        <ExportMenu />
      </div>
      <RunControls canRun={whyNot === null} whyNot={whyNot} />
      <div className="toolbar-group">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void saveDocument(navigate)}
          disabled={saving}
          title={`Save (${MOD}S)`}
          data-testid="save"
        >
          Save
        </button>
      </div>
    </header>
  );
}
