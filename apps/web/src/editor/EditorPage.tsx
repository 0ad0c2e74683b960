import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { autoLayout } from '../canvas/autoLayout';
import { Canvas } from '../canvas/Canvas';
import { FIT_OPTIONS } from '../canvas/fitOptions';
import { EstimatePanel } from '../estimate/EstimatePanel';
import { ImportDialog } from '../io/ImportDialog';
import { importFile } from '../io/importText';
import { Palette } from '../palette/Palette';
import { RunActionsContext } from '../run/commands/RunActionsContext';
import { StepDrawer } from '../run/drawer/StepDrawer';
import { RunBanner } from '../run/RunBanner';
import { RunBottomBar } from '../run/RunBottomBar';
import { useLiveRun } from '../run/useLiveRun';
import { classNames } from '../shared/classNames';
import { useShownViews } from '../store/useCanvasStore';
import { ConflictDialog } from './ConflictDialog';
import { connectEditorStores } from './connectEditorStores';
import { editorCommands } from './editorCommands';
import { LeaveGuard } from './LeaveGuard';
import { OfferedDraftBanner } from './OfferedDraftBanner';
import { RestoredBanner } from './RestoredBanner';
import { ShortcutsDialog } from './ShortcutsDialog';
import { SidePanel } from './SidePanel';
import { ensureSaved, saveDocument } from './saveDocument';
import { Toolbar } from './Toolbar';
import { useEditorSession } from './useEditorSession';
import { usePanelStore } from './usePanelStore';
import { useShortcuts } from './useShortcuts';
import { useShownRun } from './useShownRun';

/** The editor at `/o/:id` (or `/new`): palette, canvas, panel (docs/design.md §5). */
export function EditorPage() {
  return (
    <ReactFlowProvider>
      <Editor />
    </ReactFlowProvider>
  );
}

function Editor() {
  // The stores' wiring lives as long as the editor does.
  useEffect(() => connectEditorStores(), []);
  const { id, runId } = useParams();
  const { status, message } = useEditorSession(id ?? null);
  // `:runId` in the address is the truth of which run is shown.
  useLiveRun(status === 'ready' ? (runId ?? null) : null);
  const shownRun = useShownRun(status === 'ready' ? (runId ?? null) : null);
  const shownViews = useShownViews((views) => views);
  const navigate = useNavigate();
  const { fitView } = useReactFlow();
  const [importing, setImporting] = useState(false);
  const [help, setHelp] = useState(false);
  const fit = useCallback(() => void fitView({ ...FIT_OPTIONS, duration: 250 }), [fitView]);
  const actions = useMemo(
    () => ({
      save: () => void saveDocument(navigate),
      layout: () => void autoLayout(),
      fit,
      help: () => setHelp(true),
    }),
    [navigate, fit],
  );
  useShortcuts(actions);
  const runActions = useMemo(() => ({ ensureSaved: () => ensureSaved(navigate) }), [navigate]);
  const openInspector = useCallback(() => usePanelStore.getState().setTab('inspector'), []);
  const onFile = useCallback((file: File) => void importFile(file), []);

  if (status !== 'ready') {
    return (
      <div className="page-message" data-testid="editor-status">
        {status === 'loading' ? <p>Loading…</p> : null}
        {status === 'missing' ? (
          <>
            <h2>No orchestration here</h2>
            <p>It may have been deleted.</p>
            <Link to="/" className="btn">
              All orchestrations
            </Link>
          </>
        ) : null}
        {status === 'offline' || status === 'broken' ? (
          <>
            <h2>Could not open it</h2>
            <p>{message}</p>
            <Link to="/" className="btn">
              All orchestrations
            </Link>
          </>
        ) : null}
      </div>
    );
  }
  return (
    <RunActionsContext.Provider value={runActions}>
      <div className="editor" data-testid="editor">
        <Toolbar
          onImport={() => setImporting(true)}
          onLayout={actions.layout}
          onFit={fit}
          onHelp={actions.help}
        />
        <RestoredBanner />
        <OfferedDraftBanner />
        {runId ? (
          <RunBanner
            changedSince={shownRun.changedSince}
            unreadable={shownRun.unreadable}
            onBack={() => navigate(`/o/${encodeURIComponent(id ?? '')}`)}
          />
        ) : null}
        <div className={classNames('editor-body', runId && 'is-run')}>
          {runId ? null : <Palette onAdd={editorCommands.addFromPalette} />}
          <div className="canvas-column">
            <div className="canvas-stack">
              <Canvas
                commands={editorCommands}
                onFile={onFile}
                onOpenInspector={openInspector}
                editingPanel={<EstimatePanel />}
              />
              {runId ? <StepDrawer views={shownViews} /> : null}
            </div>
            {runId ? <RunBottomBar views={shownViews} /> : null}
          </div>
          <SidePanel />
        </div>
        <ImportDialog open={importing} onClose={() => setImporting(false)} />
        <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
        <ConflictDialog />
        <LeaveGuard />
      </div>
    </RunActionsContext.Provider>
  );
}
