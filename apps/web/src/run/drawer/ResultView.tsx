import type { ReviewVerdictData, StepResult } from '@baton/core';
import Markdown, { type Components } from 'react-markdown';

/**
 * Images are shown as their text (an agent's output must not make the browser fetch a tracking
 * pixel); links open apart from the editor, without access to it.
 */
const MARKDOWN_COMPONENTS: Components = {
  img: ({ alt, src }) => (
    <span className="md-image">[image: {alt || (typeof src === 'string' ? src : '')}]</span>
  ),
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
};

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
          <Markdown skipHtml components={MARKDOWN_COMPONENTS}>
            {result.output}
          </Markdown>
        </div>
      ) : (
        <p className="drawer-empty">The step returned no output.</p>
      )}
    </div>
  );
}
