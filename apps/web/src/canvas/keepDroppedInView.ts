import type { ReactFlowInstance } from '@xyflow/react';
import { useCanvasStore } from '../store/useCanvasStore';
import { appStores, flowGraphOf } from './flowElements';
import { blockNodeId, type FlowEdge, type FlowNode } from './flowTypes';
import { placeInView, type ScreenRect } from './placeInView';
import { requestShowNodes } from './useFitViewRequests';

/** Space kept between a dropped block and the canvas's edges or what is drawn over it. */
const MARGIN = 12;
/** What React Flow draws over the canvas: a block under these is hidden. */
const OVERLAYS = '.block-minimap, .react-flow__controls, .estimate-panel';

const rectOf = (r: DOMRect, pad: number): ScreenRect => ({
  x: r.left - pad,
  y: r.top - pad,
  width: r.width + 2 * pad,
  height: r.height + 2 * pad,
});

type Flow = Pick<
  ReactFlowInstance<FlowNode, FlowEdge>,
  'flowToScreenPosition' | 'screenToFlowPosition' | 'getZoom'
>;

/**
 * A block just dropped with its top-left at the pointer may reach past the canvas's edge (under
 * the side panel) or under the minimap: move it the least that shows all of it, or, when it is
 * larger than the view, pan to it.
 */
export function keepDroppedInView(stageId: string, canvas: HTMLElement, flow: Flow) {
  const block = flowGraphOf(appStores).blocks.get(stageId);
  if (!block) return;
  const zoom = flow.getZoom();
  const topLeft = flow.flowToScreenPosition(block.position);
  const rect = { ...topLeft, width: block.width * zoom, height: block.height * zoom };
  const area = rectOf(canvas.getBoundingClientRect(), -MARGIN);
  const obstacles = Array.from(canvas.querySelectorAll(OVERLAYS), (e) =>
    rectOf(e.getBoundingClientRect(), MARGIN / 2),
  );
  const placed = placeInView(rect, area, obstacles);
  if (placed.x !== rect.x || placed.y !== rect.y) {
    useCanvasStore
      .getState()
      .setPositions({ [stageId]: flow.screenToFlowPosition(placed, { snapToGrid: false }) });
  }
  if (!placed.fits) requestShowNodes([blockNodeId(stageId)]);
}
