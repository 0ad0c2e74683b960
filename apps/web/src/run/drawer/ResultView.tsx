import type { ReviewVerdictData, StepResult } from '@baton/core';
import Markdown from 'react-markdown';

/**
 * A step's result. Agent output is untrusted: react-markdown renders Markdown to React elements
 * and drops raw HTML (no `rehype-raw`), and its URL filter refuses `javascript:` and the like.
 */
export function ResultView({
  result,
  verdict,
}: {
  result: StepResult | null;
  verdict: ReviewVerdictData | null;
}) {
  if (!result) return <p className="drawer-empty">No result yet.</p>;
  const findings = verdict?.findings ?? result.findings ?? [];
  const shownVerdict = verdict?.verdict ?? result.verdict;
  return (
    <div className="result-view" data-testid="step-result">
      {shownVerdict ? (
        <p className={`result-verdict verdict-${shownVerdict}`} data-testid="step-verdict">
          {shownVerdict === 'approve' ? '✓ Approved' : '✎ Changes requested'}
          {verdict && verdict.round > 1 ? ` (round ${verdict.round})` : ''}
        </p>
      ) : null}
      {result.condition ? (
        <p className="result-condition">
          Condition: <code>{result.condition}</code>
        </p>
      ) : null}
      {findings.length ? (
        <ul className="result-findings">
          {findings.map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: findings are plain lines, in order
            <li key={i}>{f}</li>
          ))}
        </ul>
      ) : null}
      {result.error ? <p className="result-error">{result.error}</p> : null}
      {result.output ? (
        <div className="markdown">
          <Markdown skipHtml>{result.output}</Markdown>
        </div>
      ) : (
        <p className="drawer-empty">The step returned no output.</p>
      )}
    </div>
  );
}
