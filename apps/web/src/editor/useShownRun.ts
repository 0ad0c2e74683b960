import { deepEqual, type Orchestration, parse } from '@baton/core';
import { useEffect, useMemo, useRef } from 'react';
import { requestFitView } from '../canvas/useFitViewRequests';
import { useRunStore } from '../runState/useRunStore';
import { useRunUiStore } from '../runState/useRunUiStore';
import { graphViews } from '../store/graphViews';
import { type ShownGraph, useCanvasStore } from '../store/useCanvasStore';
import { useDocumentStore } from '../store/useDocumentStore';
import { usePanelStore } from './usePanelStore';

const NOTHING: Orchestration = { version: 1, stages: [] };
/** Drawn for a run whose file no longer parses. */
const EMPTY_GRAPH: ShownGraph = { document: NOTHING, views: graphViews(NOTHING, {}) };

/**
 * While a run is shown, the canvas draws the plan of the YAML that ran (step ids are
 * positional: the edited document's plan may differ), read-only from the first moment —
 * empty until that YAML has arrived. Answers whether the edited document has changed since
 * that YAML, for the banner.
 */
export function useShownRun(runId: string | null): { changedSince: boolean; unreadable: string | null } {
  const yaml = useRunStore((s) => (s.detail?.id === runId ? s.detail.yaml : null));
  const registry = useDocumentStore((s) => s.registry);
  const document = useDocumentStore((s) => s.document);
  const parsed = useMemo(() => (yaml === null ? null : parse(yaml)), [yaml]);
  const fitted = useRef<string | null>(null);

  useEffect(() => {
    if (!runId) return;
    usePanelStore.getState().setTab('run');
    return () => {
      useRunUiStore.getState().openDrawer(null);
      useCanvasStore.getState().showGraph(null);
    };
  }, [runId]);

  useEffect(() => {
    if (!runId) return;
    if (!parsed) {
      // Until the run's YAML is here the canvas is read-only already, drawn without statuses
      // (the run store shows none before the run's record: see runSelectors).
      const { document: editing, views } = useDocumentStore.getState();
      useCanvasStore.getState().showGraph({ document: editing, views });
      return;
    }
    if (!parsed.document) {
      useCanvasStore.getState().showGraph(EMPTY_GRAPH);
      return;
    }
    useCanvasStore.getState().showGraph({
      document: parsed.document,
      views: graphViews(parsed.document, registry),
    });
    // The canvas is smaller beside the timeline, and the run's plan may differ: show all of it once.
    if (fitted.current !== runId) {
      fitted.current = runId;
      requestFitView({ animate: false });
    }
  }, [runId, parsed, registry]);

  if (!runId || !parsed) return { changedSince: false, unreadable: null };
  if (!parsed.document) {
    return {
      changedSince: true,
      unreadable: parsed.diagnostics[0]?.message ?? 'the run’s file does not parse',
    };
  }
  return { changedSince: !deepEqual(parsed.document, document), unreadable: null };
}
