import { memo } from 'react';
import { useAgentDiagnostics } from '../api/queries';
import { classNames } from '../shared/classNames';
import { diagnosticLocation, orderedDiagnostics, problemsHeadline } from './agentProblems';

/**
 * Above the agents: the registry's files it could not read (their agents are not in the list)
 * and what it read with a warning, collapsed to one line that opens to each file, line and
 * message. Nothing when the registry read every file cleanly.
 */
function AgentFileProblemsView() {
  const diagnostics = useAgentDiagnostics();
  if (!diagnostics.length) return null;
  const hasErrors = diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  return (
    <details
      className={classNames('agent-problems', hasErrors && 'has-errors')}
      data-testid="agent-diagnostics"
    >
      <summary className="agent-problems-summary">
        <span className="agent-problems-icon" aria-hidden="true">
          {hasErrors ? '!' : 'i'}
        </span>
        <span>{problemsHeadline(diagnostics)}</span>
      </summary>
      <ul className="agent-problems-list">
        {orderedDiagnostics(diagnostics).map((problem) => (
          <li
            key={`${problem.severity}:${diagnosticLocation(problem)}:${problem.message}`}
            className={`agent-problem severity-${problem.severity}`}
            data-testid="agent-diagnostic"
            data-severity={problem.severity}
          >
            <code className="agent-problem-file" title={diagnosticLocation(problem)}>
              {diagnosticLocation(problem)}
            </code>
            {problem.agent && !problem.message.includes(problem.agent) ? (
              <span className="agent-problem-agent">{problem.agent}</span>
            ) : null}
            <span className="agent-problem-message">{problem.message}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

export const AgentFileProblems = memo(AgentFileProblemsView);
