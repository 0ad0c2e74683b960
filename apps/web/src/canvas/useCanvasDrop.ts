import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { flushSync } from 'react-dom';
import { draggedPayload, endPaletteDrag, isPaletteDrag } from '../shared/dragPayload';
import type { CanvasCommands } from './canvasCommands';
import { dropTargetAt } from './dropTarget';
import { appStores, flowElementsOf } from './flowElements';
import type { FlowEdge, FlowNode } from './flowTypes';
import { keepDroppedInView } from './keepDroppedInView';
import { HEADER_H } from './layout/metrics';
import { useDropTargetStore } from './useDropTargetStore';

/** Drag and drop onto the canvas: palette items, and `.baton.yaml` files to import. */
export function useCanvasDrop(commands: CanvasCommands, onFile: (file: File) => void) {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const { screenToFlowPosition } = flow;

  const onDragOver = useCallback((event: React.DragEvent) => {
    const files = event.dataTransfer.types.includes('Files');
    if (!files && !isPaletteDrag(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    const target = files
      ? { key: null }
      : dropTargetAt(event.target as Element, flowElementsOf(appStores).nodes);
    useDropTargetStore.getState().set(target.key);
  }, []);

  const onDragLeave = useCallback((event: React.DragEvent) => {
    if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    useDropTargetStore.getState().set(null);
  }, []);

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      useDropTargetStore.getState().set(null);
      const file = event.dataTransfer.files?.[0];
      if (file) {
        event.preventDefault();
        onFile(file);
        return;
      }
      const payload = draggedPayload(event);
      endPaletteDrag();
      if (!payload) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const place = { x: at.x - 40, y: at.y - HEADER_H / 2 };
      const target = dropTargetAt(event.target as Element, flowElementsOf(appStores).nodes);
      // Rendered at once, so that what appears with the first block (minimap, estimate bar) is
      // there to be measured before the block is kept clear of it, all before the next paint.
      const added = flushSync(() =>
        payload.kind === 'pattern'
          ? commands.dropPattern(payload.pattern, place)
          : commands.dropAgent(payload.name, target, place),
      );
      if (added) keepDroppedInView(added, event.currentTarget as HTMLElement, flow);
    },
    [screenToFlowPosition, onFile, flow, commands],
  );

  return { onDragOver, onDragLeave, onDrop };
}
