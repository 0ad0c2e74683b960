import type { Diagnostic } from '@baton/core';
import { blockNodeId } from '../shared/canvasNodeIds';
import { requestShowNodes } from '../shared/viewRequests';
import { useDocumentStore } from '../store/useDocumentStore';
import { useSelectionStore } from '../store/useSelectionStore';
import { selectionForPath } from './selectionForPath';
import { useYamlEditorStore } from './useYamlEditorStore';

function reveal(d: Diagnostic) {
  const selection = selectionForPath(useDocumentStore.getState().views.plan, d.path);
  if (selection) {
    useSelectionStore.getState().select(selection);
    requestShowNodes([selection.kind === 'stage' ? blockNodeId(selection.stageId) : selection.stepId]);
  }
  useYamlEditorStore.setState({ reveal: { line: d.line, col: d.col, at: Date.now() } });
}

/** The YAML's diagnostics, each with its line; a click selects the node it concerns. */
export function DiagnosticsList() {
  const analysis = useYamlEditorStore((s) => s.analysis);
  // The text on screen is not what the canvas shows: being typed, or it does not parse.
  const typing = useYamlEditorStore((s) => s.pending);
  const unparsed = useDocumentStore((s) => s.unparsedText !== null);
  const pending = typing || unparsed;
  if (!analysis)
    return (
      <div className="yaml-status" data-testid="yaml-status">
        Checking…
      </div>
    );
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  const steps = analysis.plan?.steps.length ?? 0;
  return (
    <div className="yaml-diagnostics">
      <div className={`yaml-status ${errors.length ? 'is-error' : 'is-ok'}`} data-testid="yaml-status">
        {errors.length
          ? `${errors.length} error${errors.length === 1 ? '' : 's'}${pending ? ' — the canvas shows the last valid version' : ''}`
          : `Valid · ${steps} step${steps === 1 ? '' : 's'}${analysis.diagnostics.length ? ` · ${analysis.diagnostics.length} warning${analysis.diagnostics.length === 1 ? '' : 's'}` : ''}`}
      </div>
      {analysis.diagnostics.length ? (
        <ul className="diagnostic-list" data-testid="yaml-diagnostics">
          {analysis.diagnostics.map((d) => (
            <li key={`${d.line}:${d.col}:${d.message}`}>
              <button
                type="button"
                className={`diagnostic is-${d.severity}`}
                onClick={() => reveal(d)}
                data-testid="yaml-diagnostic"
              >
                <span className="diagnostic-where">
                  Line {d.line}:{d.col}
                </span>
                <span className="diagnostic-message">{d.message}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
