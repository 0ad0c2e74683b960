import { formatDuration } from '@baton/core';

export interface SummaryRow {
  stepId: string;
  agent: string | null;
  status: string;
  attempts: number;
  durationMs?: number;
  /** Its agent ran as a simulated stand-in. */
  simulated?: boolean;
  /** The step's report, when it has one. */
  report: string | null;
}

export interface SummaryFacts {
  orchestration: string;
  runId: string;
  status: 'succeeded' | 'failed' | 'cancelled';
  error?: string;
  /** A dry run: every agent simulated. */
  simulate?: boolean;
  startedAtMs: number;
  finishedAtMs: number;
  rows: SummaryRow[];
}

/**
 * `summary.md`: the run at a glance, then every agent's report (docs/design.md §3.2). What ran
 * simulated says so, in the header, its row and its report: a dry run must not read as real work.
 */
export function summaryMarkdown(facts: SummaryFacts): string {
  const simulated = facts.rows.filter((r) => r.simulated).length;
  const agentSteps = facts.rows.filter((r) => r.agent !== null).length;
  const lines = [
    `# ${facts.orchestration}`,
    '',
    `- Run: ${facts.runId}`,
    `- Status: ${facts.status}${facts.error ? ` (${facts.error})` : ''}`,
    `- Started: ${new Date(facts.startedAtMs).toISOString()}`,
    `- Duration: ${formatDuration(Math.max(0, facts.finishedAtMs - facts.startedAtMs))}`,
    ...(facts.simulate
      ? ['- Dry run: every agent simulated']
      : simulated
        ? [`- Simulated: ${simulated} of ${agentSteps} agent steps ran a simulated stand-in`]
        : []),
    '',
    '| step | agent | status | attempts | duration |',
    '|---|---|---|---|---|',
    ...facts.rows.map(
      (r) =>
        `| ${r.stepId} | ${r.agent ?? '(barrier)'} | ${r.status}${r.simulated ? ' (simulated)' : ''} | ${r.attempts} | ${
          r.durationMs === undefined ? '' : formatDuration(r.durationMs)
        } |`,
    ),
  ];
  const reports = facts.rows.filter((r) => r.report);
  if (reports.length) {
    lines.push('', '## Agent reports');
    for (const r of reports) lines.push('', demoteHeadings(r.report as string).trimEnd());
  }
  lines.push('');
  return lines.join('\n');
}

/** Each report's headings one level down, under the summary's; fenced agent output untouched. */
function demoteHeadings(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split('\n')
    .map((line) => {
      const opening = /^(`{3,})/.exec(line);
      if (opening) {
        if (fence === null) fence = opening[1] as string;
        else if (line.trim() === fence) fence = null;
        return line;
      }
      return fence === null && line.startsWith('#') ? `#${line}` : line;
    })
    .join('\n');
}
