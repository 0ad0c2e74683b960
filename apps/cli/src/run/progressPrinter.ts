import { formatDuration, type Plan, type PlanStep, type RunEvent } from '@baton/core';
import { oneLine, type Style } from './terminalStyle.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

type Data = Record<string, unknown>;
const data = (e: RunEvent): Data => (e.data && typeof e.data === 'object' ? (e.data as Data) : {});
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Live progress of a run in the terminal: one line per change (stage and step status,
 * durations, the branch taken, barriers, verdicts, agent output; a step whose agent runs as a
 * simulated stand-in says so), and on a terminal a footer
 * line with a spinner and what is running now, redrawn in place.
 */
export class ProgressPrinter {
  private readonly steps: Map<string, PlanStep>;
  private readonly stageNames: Map<string, string>;
  private readonly running = new Map<string, number>();
  private readonly startedAt = Date.now();
  private readonly finished = new Set<string>();
  private frame = 0;
  private footerShown = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly plan: Plan,
    private readonly out: NodeJS.WriteStream,
    private readonly style: Style,
    private readonly live: boolean,
  ) {
    this.steps = new Map(plan.steps.map((s) => [s.id, s]));
    this.stageNames = new Map(plan.stages.map((s) => [s.id, s.name]));
    if (live) {
      this.timer = setInterval(() => this.drawFooter(), 100);
      this.timer.unref();
    }
  }

  onEvent = (e: RunEvent): void => {
    const line = this.describe(e);
    if (line !== null) this.print(line);
  };

  /** Stop the spinner and clear its line. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.clearFooter();
  }

  private describe(e: RunEvent): string | null {
    const s = this.style;
    const d = data(e);
    const id = e.stepId ?? '';
    const agent = text(d.agent) || this.steps.get(id)?.agent || '';
    switch (e.type) {
      case 'stage.started': {
        const stage = this.plan.stages.find((x) => x.id === e.stageId);
        return `${s.cyan('▶')} ${s.bold(this.stageNames.get(e.stageId ?? '') ?? e.stageId ?? '')} ${s.dim(`(${e.stageId}, ${stage?.pattern ?? ''})`)}`;
      }
      case 'stage.succeeded':
        return `${s.green('✓')} stage ${e.stageId} succeeded`;
      case 'stage.failed':
        return `${s.red('✗')} stage ${e.stageId} failed: ${text(d.error)}`;
      case 'stage.skipped':
        return s.dim(`⊘ stage ${e.stageId} skipped: ${text(d.reason)}`);
      case 'step.started': {
        this.running.set(id, Date.parse(e.ts));
        this.finished.delete(id);
        // From the event, not the catalog: a dry run simulates real agents too.
        const extra = [
          d.simulated === true ? 'simulated' : '',
          d.fallback ? 'fallback' : '',
          (e.attempt ?? 1) > 1 ? `attempt ${e.attempt}` : '',
          typeof d.round === 'number' ? `round ${d.round}` : '',
        ].filter(Boolean);
        return `  ${s.cyan('●')} ${id}  ${agent}${extra.length ? s.dim(` (${extra.join(', ')})`) : ''}`;
      }
      case 'step.succeeded':
      case 'step.failed': {
        this.running.delete(id);
        this.finished.add(id);
        const took = typeof d.durationMs === 'number' ? formatDuration(d.durationMs) : '';
        if (e.type === 'step.failed')
          return `  ${s.red('✗')} ${id}  ${took}  ${s.red(oneLine(text(d.error), 160))}`;
        const summary = text(d.summary);
        return `  ${s.green('✓')} ${id}  ${took}${summary ? `  ${s.dim(oneLine(summary, 80))}` : ''}`;
      }
      case 'step.retrying': {
        const delay = typeof d.delayMs === 'number' ? d.delayMs : 0;
        const next = text(d.fallback)
          ? `falling back to ${text(d.fallback)}`
          : `retrying in ${formatDuration(delay)}`;
        return `  ${s.yellow('↻')} ${id} attempt ${e.attempt} failed (${oneLine(text(d.error), 100)}); ${next}`;
      }
      case 'step.skipped':
        this.finished.add(id);
        return s.dim(`  ⊘ ${id} skipped: ${text(d.reason)}`);
      case 'step.cancelled':
        this.running.delete(id);
        this.finished.add(id);
        return `  ${s.yellow('■')} ${id} cancelled`;
      case 'step.log': {
        const line = oneLine(text(e.data.line), 200);
        return s.dim(`    │ ${e.data.stream === 'stderr' ? '! ' : ''}${line}`);
      }
      case 'branch.selected': {
        const chosen = text(d.stepId);
        const cond = text(d.condition);
        return chosen
          ? `  ${s.cyan('⤷')} condition '${cond}' → branch ${chosen} (${this.steps.get(chosen)?.agent ?? ''})`
          : `  ${s.red('⤷')} condition '${cond}' matches no branch`;
      }
      case 'barrier.passed':
        return `  ${s.cyan('◆')} barrier '${text(d.name)}' passed`;
      case 'review.verdict': {
        const v = e.data;
        const colour = v.verdict === 'approve' ? s.green : s.yellow;
        const findings = v.findings?.length ? `: ${oneLine(v.findings.join('; '), 120)}` : '';
        return `  ${colour('✎')} ${id} ${colour(v.verdict)} (round ${v.round})${findings}`;
      }
      default:
        return null;
    }
  }

  private print(line: string): void {
    this.clearFooter();
    this.out.write(`${line}\n`);
    this.drawFooter();
  }

  private clearFooter(): void {
    if (!this.footerShown) return;
    this.out.write('\r\x1b[2K');
    this.footerShown = false;
  }

  private drawFooter(): void {
    if (!this.live || !this.timer) return;
    const now = Date.now();
    const names = [...this.running].map(([id, since]) => `${id} ${formatDuration(Math.max(0, now - since))}`);
    const spinner = SPINNER[this.frame++ % SPINNER.length] as string;
    const width = Math.max(20, (this.out.columns || 80) - 1);
    const footer = oneLine(
      `${spinner} ${this.finished.size}/${this.plan.steps.length} steps · ${formatDuration(now - this.startedAt)}${
        names.length ? ` · running: ${names.join(', ')}` : ''
      }`,
      width,
    );
    this.out.write(`\r\x1b[2K${this.style.cyan(footer)}`);
    this.footerShown = true;
  }
}
