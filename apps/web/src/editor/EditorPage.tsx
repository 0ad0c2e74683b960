import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { autoLayout } from '../canvas/autoLayout';
import { Canvas } from '../canvas/Canvas';
import { FIT_OPTIONS } from '../canvas/fitOptions';
import { ImportDialog } from '../io/ImportDialog';
import { importFile } from '../io/importText';
import { Palette } from '../palette/Palette';
import { ConflictDialog } from './ConflictDialog';
import { RestoredBanner } from './RestoredBanner';
import { ShortcutsDialog } from './ShortcutsDialog';
import { SidePanel } from './SidePanel';
import { saveDocument } from './saveDocument';
import { Toolbar } from './Toolbar';
import { useEditorSession } from './useEditorSession';
import { usePanelStore } from './usePanelStore';
import { useShortcuts } from './useShortcuts';

/** The editor at `/o/:id` (or `/new`): palette, canvas, panel (DESIGN §5). */
export function EditorPage() {
  return (
    <ReactFlowProvider>
      <Editor />
    </ReactFlowProvider>
  );
}

function Editor() {
  const { id } = useParams();
  const { status, message } = useEditorSession(id ?? null);
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
    <div className="editor" data-testid="editor">
      <Toolbar
        onImport={() => setImporting(true)}
        onLayout={actions.layout}
        onFit={fit}
        onHelp={actions.help}
      />
      <RestoredBanner />
      <div className="editor-body">
        <Palette />
        <Canvas onFile={onFile} onOpenInspector={openInspector} />
        <SidePanel />
      </div>
      <ImportDialog open={importing} onClose={() => setImporting(false)} />
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
      <ConflictDialog />
    </div>
  );
}
