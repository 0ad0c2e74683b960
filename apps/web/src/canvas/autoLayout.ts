import { useCanvasStore } from '../store/useCanvasStore';
import { useDocumentStore } from '../store/useDocumentStore';
import { appStores, flowGraphOf } from './flowElements';
import { requestFitView } from './useFitViewRequests';

/** Lay every block out again with elkjs, then fit the result in view. */
export async function autoLayout() {
  const graph = flowGraphOf(appStores);
  const needs = useDocumentStore
    .getState()
    .views.plan.edges.filter((e) => e.kind === 'stage')
    .map((e) => ({ from: e.from, to: e.to }));
  // elkjs is large: it is loaded the first time someone asks for a layout.
  const { elkBlockPositions } = await import('./layout/elkLayout');
  const positions = await elkBlockPositions(graph.blocks, needs);
  useCanvasStore.getState().setPositions(positions);
  requestFitView();
}
