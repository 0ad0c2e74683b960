import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type Edge,
  ReactFlow,
  type ReactFlowState,
  useStore,
} from '@xyflow/react';
import { type ReactNode, useCallback } from 'react';
import { connectStages, wouldCycle } from '../model/stageEdits';
import { useRunUiStore } from '../runState/useRunUiStore';
import { classNames } from '../shared/classNames';
import { useCanvasStore } from '../store/useCanvasStore';
import { useDocumentStore } from '../store/useDocumentStore';
import { BlockMiniMap } from './BlockMiniMap';
import type { CanvasCommands } from './canvasCommands';
import { EmptyCanvas } from './EmptyCanvas';
import { FIT_OPTIONS } from './fitOptions';
import { useFlowElements } from './flowElements';
import { type FlowEdge, type FlowNode, stageIdOfBlock } from './flowTypes';
import { GRID } from './layout/metrics';
import { edgeTypes, nodeTypes } from './nodeTypes';
import { useCanvasDrop } from './useCanvasDrop';
import { useFitViewRequests } from './useFitViewRequests';

const PRO_OPTIONS = { hideAttribution: true };
/**
 * Nodes out of view are not rendered from this many nodes on (the cost that matters at 1,000
 * steps, measured by bench:web); a small graph is drawn whole, so a node scrolled into view
 * never arrives unmeasured.
 */
const CULL_FROM_NODES = 200;
const SNAP: [number, number] = [GRID, GRID];

function isValidConnection(connection: Connection | Edge): boolean {
  const from = stageIdOfBlock(connection.source);
  const to = stageIdOfBlock(connection.target);
  if (!from || !to || from === to) return false;
  return !wouldCycle(useDocumentStore.getState().document, from, to);
}

function onConnect(connection: Connection) {
  const from = stageIdOfBlock(connection.source);
  const to = stageIdOfBlock(connection.target);
  if (!from || !to) return;
  useDocumentStore.getState().edit((doc) => connectStages(doc, from, to));
}

/** Level of detail by zoom: below these scales small text is unreadable, so it is not drawn. */
const zoomClass = (s: ReactFlowState) =>
  s.transform[2] < 0.3 ? 'zoom-far' : s.transform[2] < 0.5 ? 'zoom-mid' : 'zoom-near';

/** While a run is shown a click opens the step's drawer (its log, result, attempts). */
function onRunNodeClick(_: unknown, node: FlowNode) {
  if (node.type === 'step' || node.type === 'bar') useRunUiStore.getState().openDrawer(node.id);
}

/** Hovering a node in a run highlights its bars on the timeline (and the timeline's bars it). */
function onRunNodeEnter(_: unknown, node: FlowNode) {
  if (node.type === 'step' || node.type === 'bar') useRunUiStore.getState().hover(node.id);
}

function onRunNodeLeave() {
  useRunUiStore.getState().hover(null);
}

/** Enter (or Space) on a focused node opens its drawer, as a click does. */
function onRunKeyDown(event: React.KeyboardEvent) {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  const node = (event.target as Element).closest('.react-flow__node-step, .react-flow__node-bar');
  const id = node?.getAttribute('data-id');
  if (!id) return;
  event.preventDefault();
  useRunUiStore.getState().openDrawer(id);
}

function onRunPaneClick() {
  useRunUiStore.getState().openDrawer(null);
}

/** The canvas: pattern blocks holding step nodes, derived from the document (docs/design.md §5). */
export function Canvas({
  commands,
  onFile,
  onOpenInspector,
  editingPanel,
}: {
  commands: CanvasCommands;
  onFile: (file: File) => void;
  onOpenInspector: () => void;
  /** Drawn over the flow while the document is edited, not while a run is shown (the page's estimate). */
  editingPanel?: ReactNode;
}) {
  const { nodes, edges } = useFlowElements();
  const readOnly = useCanvasStore((s) => s.runGraph !== null);
  const empty = useDocumentStore((s) => s.document.stages.length === 0) && !readOnly;
  const drop = useCanvasDrop(commands, onFile);
  const zoom = useStore(zoomClass);
  useFitViewRequests(FIT_OPTIONS);
  const onNodeDoubleClick = useCallback(() => onOpenInspector(), [onOpenInspector]);
  const onNodeDragStop = useCallback(
    (_: unknown, node: FlowNode) => {
      if (node.type === 'step') commands.reorderOnDrop(node);
    },
    [commands],
  );
  // A click on a "+" slot selects its block (React Flow handles clicks on the other nodes).
  const onNodeClick = useCallback(
    (_: unknown, node: FlowNode) => {
      if (node.type === 'slot') commands.select({ kind: 'stage', stageId: node.data.stageId });
    },
    [commands],
  );
  const onPaneClick = useCallback(() => commands.select(null), [commands]);

  return (
    <div
      className={classNames(
        'canvas',
        zoom,
        readOnly && 'is-run',
        nodes.length > CULL_FROM_NODES && 'is-large',
      )}
      role="application"
      aria-label={readOnly ? 'Canvas: the run, read-only' : 'Canvas: drop patterns and agents here'}
      data-testid="canvas"
      data-readonly={readOnly ? 'true' : undefined}
      onDragOver={readOnly ? undefined : drop.onDragOver}
      onDragLeave={readOnly ? undefined : drop.onDragLeave}
      onDrop={readOnly ? undefined : drop.onDrop}
      onKeyDown={readOnly ? onRunKeyDown : undefined}
    >
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={commands.nodesChanged}
        onEdgesChange={commands.edgesChanged}
        onConnect={readOnly ? undefined : onConnect}
        isValidConnection={isValidConnection}
        onNodeDragStop={readOnly ? undefined : onNodeDragStop}
        onNodeClick={readOnly ? onRunNodeClick : onNodeClick}
        onNodeDoubleClick={readOnly ? undefined : onNodeDoubleClick}
        onPaneClick={readOnly ? onRunPaneClick : onPaneClick}
        onNodeMouseEnter={readOnly ? onRunNodeEnter : undefined}
        onNodeMouseLeave={readOnly ? onRunNodeLeave : undefined}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable={!readOnly}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        snapToGrid
        snapGrid={SNAP}
        minZoom={0.04}
        maxZoom={2}
        colorMode="system"
        proOptions={PRO_OPTIONS}
        connectionRadius={40}
        onlyRenderVisibleElements={nodes.length > CULL_FROM_NODES}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID} size={1} />
        <BlockMiniMap />
        <Controls showInteractive={false} />
        {readOnly ? null : editingPanel}
      </ReactFlow>
      {empty ? <EmptyCanvas /> : null}
    </div>
  );
}
