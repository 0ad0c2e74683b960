import { Panel, type ReactFlowState, useReactFlow, useStore } from '@xyflow/react';
import { memo, useCallback, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useFlowElements } from './flowElements';
import type { StageBlockNode } from './flowTypes';

const WIDTH = 168;
const HEIGHT = 112;

const viewportOf = (s: ReactFlowState) => ({
  x: s.transform[0],
  y: s.transform[1],
  zoom: s.transform[2],
  width: s.width,
  height: s.height,
});

/**
 * A minimap of the blocks (one rectangle per stage, in its pattern's colour) and the visible
 * area; click or drag in it to move there. React Flow's own minimap subscribes one component per
 * node, which costs a thousand selector calls per frame on a large orchestration.
 */
function BlockMiniMapView() {
  const { nodes } = useFlowElements();
  const blocks = useMemo(() => nodes.filter((n): n is StageBlockNode => n.type === 'stage'), [nodes]);
  const view = useStore(useShallow(viewportOf));
  const { setViewport } = useReactFlow();
  const svg = useRef<SVGSVGElement>(null);

  const visible = {
    x: -view.x / view.zoom,
    y: -view.y / view.zoom,
    width: view.width / view.zoom,
    height: view.height / view.zoom,
  };
  let minX = visible.x;
  let minY = visible.y;
  let maxX = visible.x + visible.width;
  let maxY = visible.y + visible.height;
  for (const b of blocks) {
    minX = Math.min(minX, b.position.x);
    minY = Math.min(minY, b.position.y);
    maxX = Math.max(maxX, b.position.x + (b.width ?? 0));
    maxY = Math.max(maxY, b.position.y + (b.height ?? 0));
  }
  const scale = Math.max((maxX - minX) / WIDTH, (maxY - minY) / HEIGHT) || 1;
  const viewBox = {
    x: minX - (WIDTH * scale - (maxX - minX)) / 2,
    y: minY - (HEIGHT * scale - (maxY - minY)) / 2,
    width: WIDTH * scale,
    height: HEIGHT * scale,
  };

  const moveTo = useCallback(
    (event: React.PointerEvent<SVGSVGElement>) => {
      const rect = svg.current?.getBoundingClientRect();
      if (!rect) return;
      const fx = viewBox.x + ((event.clientX - rect.left) / rect.width) * viewBox.width;
      const fy = viewBox.y + ((event.clientY - rect.top) / rect.height) * viewBox.height;
      void setViewport({
        x: view.width / 2 - fx * view.zoom,
        y: view.height / 2 - fy * view.zoom,
        zoom: view.zoom,
      });
    },
    [viewBox.x, viewBox.y, viewBox.width, viewBox.height, view.width, view.height, view.zoom, setViewport],
  );

  if (!blocks.length) return null;
  return (
    <Panel position="bottom-right" className="block-minimap">
      <svg
        ref={svg}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${viewBox.x} ${viewBox.y} ${viewBox.width} ${viewBox.height}`}
        role="img"
        aria-label="Minimap: click or drag to move the view"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => {
          if (e.buttons === 1) moveTo(e);
        }}
      >
        {blocks.map((b) => (
          <rect
            key={b.id}
            className={`minimap-block pattern-${b.data.pattern}`}
            x={b.position.x}
            y={b.position.y}
            width={b.width}
            height={b.height}
            rx={12 * scale * 0.5}
          />
        ))}
        <rect
          className="minimap-view"
          x={visible.x}
          y={visible.y}
          width={visible.width}
          height={visible.height}
          strokeWidth={1.5 * scale}
        />
      </svg>
    </Panel>
  );
}

export const BlockMiniMap = memo(BlockMiniMapView);
