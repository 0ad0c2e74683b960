import { memo } from 'react';
import { useAgentDiagnostics } from '../api/queries';
import { diagnosticLocation, orderedDiagnostics, problemsHeadline } from './agentProblems';

/**
 * Above the agents: the registry's files it could not read (their agents are not in the list)
 * and what it read with a warning, collapsed to one line that opens to each file, line and
 * message. Nothing when the registry read every file cleanly.
 */
function AgentFileProblemsView() {
  const diagnostics = useAgentDiagnostics();
  if (!diagnostics.length) return null;
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  return (
    <details className={`agent-problems${hasErrors ? ' has-errors' : ''}`} data-testid="agent-diagnostics">
      <summary className="agent-problems-summary">
        <span className="agent-problems-icon" aria-hidden="true">
          {hasErrors ? '!' : 'i'}
        </span>
        <span>{problemsHeadline(diagnostics)}</span>
      </summary>
      <ul className="agent-problems-list">
        {orderedDiagnostics(diagnostics).map((d) => (
          <li
            key={`${d.severity}:${diagnosticLocation(d)}:${d.message}`}
            className={`agent-problem severity-${d.severity}`}
            data-testid="agent-diagnostic"
            data-severity={d.severity}
          >
            <code className="agent-problem-file" title={diagnosticLocation(d)}>
              {diagnosticLocation(d)}
            </code>
            {d.agent && !d.message.includes(d.agent) ? (
              <span className="agent-problem-agent">{d.agent}</span>
            ) : null}
            <span className="agent-problem-message">{d.message}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

export const AgentFileProblems = memo(AgentFileProblemsView);
