import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { draggedPayload, endPaletteDrag, isPaletteDrag } from '../palette/dragPayload';
import { dropAgent, dropPattern } from './canvasActions';
import { dropTargetAt } from './dropTarget';
import { HEADER_H } from './layout/metrics';
import { useCanvasStore } from './useCanvasStore';
import { useDropTargetStore } from './useDropTargetStore';

/** Drag and drop onto the canvas: palette items, and `.baton.yaml` files to import. */
export function useCanvasDrop(onFile: (file: File) => void) {
  const { screenToFlowPosition } = useReactFlow();

  const onDragOver = useCallback((event: React.DragEvent) => {
    const files = event.dataTransfer.types.includes('Files');
    if (!files && !isPaletteDrag(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    const target = files
      ? { key: null }
      : dropTargetAt(event.target as Element, useCanvasStore.getState().nodes);
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
      if (payload.kind === 'pattern') {
        dropPattern(payload.pattern, { x: at.x - 40, y: at.y - HEADER_H / 2 });
      } else {
        const target = dropTargetAt(event.target as Element, useCanvasStore.getState().nodes);
        dropAgent(payload.name, target, { x: at.x - 40, y: at.y - HEADER_H / 2 });
      }
    },
    [screenToFlowPosition, onFile],
  );

  return { onDragOver, onDragLeave, onDrop };
}
