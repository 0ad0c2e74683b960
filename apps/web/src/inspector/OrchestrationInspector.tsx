import { useMemo } from 'react';
import { AgentField } from '../shared/fields/AgentField';
import { DurationField } from '../shared/fields/DurationField';
import { documentIssues, IssuesContext } from '../shared/fields/inspectorIssues';
import { NumberField } from '../shared/fields/NumberField';
import { TextField } from '../shared/fields/TextField';
import { useDocumentStore } from '../store/useDocumentStore';

/** Nothing selected: the orchestration's own keys, and how to start. */
export function OrchestrationInspector() {
  const document = useDocumentStore((s) => s.document);
  const compiled = useDocumentStore((s) => s.views.issues);
  const issues = useMemo(() => documentIssues(document, compiled), [document, compiled]);
  const inline = Object.keys(document.agents ?? {});
  return (
    <IssuesContext.Provider value={issues}>
      <div className="inspector-card" data-testid="orchestration-inspector">
        <p className="inspector-empty-note">
          Select a block or a step on the canvas to edit it. With nothing selected, these are the
          orchestration’s own keys.
        </p>
        <TextField
          path={['name']}
          label="Name"
          placeholder="Untitled orchestration"
          hint="A name makes the file full form"
        />
        <TextField path={['description']} label="Description" multiline />
        <details className="field-group" open={document.defaults !== undefined}>
          <summary>Defaults for every step</summary>
          <DurationField path={['defaults', 'timeout']} label="Timeout" placeholder="30m" />
          <NumberField path={['defaults', 'retries']} label="Retries" placeholder="0" />
          <AgentField path={['defaults', 'fallback_agent']} label="Fallback agent" required={false} />
          <NumberField
            path={['defaults', 'max_concurrent']}
            label="At most at once (whole run)"
            placeholder="no limit"
            min={1}
          />
        </details>
        {inline.length ? (
          <div className="field">
            <div className="field-label">
              Inline agents <code className="field-key">agents</code>
            </div>
            <p className="field-hint">{inline.join(', ')} — edit their runtimes in the YAML tab.</p>
          </div>
        ) : null}
      </div>
    </IssuesContext.Provider>
  );
}
