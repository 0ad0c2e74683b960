import { type RunEvent, stepIntervals } from '@baton/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { artifactUrl } from '../../api/client';
import { selectStepSimulated, selectStepStatus } from '../../runState/runSelectors';
import { shownSeq, useRunStore } from '../../runState/useRunStore';
import { useRunUiStore } from '../../runState/useRunUiStore';
import { Tabs } from '../../shared/Tabs';
import type { GraphViews } from '../../store/graphViews';
import { useRunActions } from '../commands/RunActionsContext';
import { retryRun } from '../commands/runCommands';
import { AttemptList } from './AttemptList';
import { ResultView } from './ResultView';
import { StepLog } from './StepLog';
import { stepDetails } from './stepDetails';

type Tab = 'result' | 'log' | 'attempts' | 'artifacts';
const TABS: { id: Tab; label: string }[] = [
  { id: 'result', label: 'Result' },
  { id: 'log', label: 'Log' },
  { id: 'attempts', label: 'Attempts' },
  { id: 'artifacts', label: 'Artifacts' },
];
const NO_EVENTS: RunEvent[] = [];

/** The artifacts route serves paths inside the run's folder: the one `context.json` is in. */
function runFolder(artifacts: readonly { name: string; path: string }[]): string | null {
  const context = artifacts.find((a) => a.name === 'context.json');
  return context ? context.path.slice(0, context.path.lastIndexOf('/') + 1) : null;
}

/** The step drawer: a clicked node's result, live log, attempts and artifacts. */
export function StepDrawer({ views }: { views: GraphViews }) {
  const stepId = useRunUiStore((s) => s.drawerStepId);
  const navigate = useNavigate();
  const { ensureSaved } = useRunActions();
  const [tab, setTab] = useState<Tab>('result');
  const runId = useRunStore((s) => s.runId);
  const orchestrationId = useRunStore((s) => s.detail?.orchestrationId ?? null);
  const events = useRunStore((s) => (stepId ? (s.byStep.get(stepId) ?? NO_EVENTS) : NO_EVENTS));
  // While following the end every event of the step is shown: no recount per event elsewhere.
  const upTo = useRunStore((s) => (s.following ? Number.POSITIVE_INFINITY : shownSeq(s)));
  const status = useRunStore((s) => (stepId ? selectStepStatus(s.state, stepId) : 'idle'));
  const catalogSimulated = stepId ? (views.steps[stepId]?.simulated ?? false) : false;
  // What the step's attempt ran as, from the run (a dry run simulates real agents too).
  const simulated = useRunStore((s) =>
    stepId ? selectStepSimulated(s.state, stepId, s.detail?.simulate === true, catalogSimulated) : false,
  );
  const runFailed = useRunStore((s) => s.state.status === 'failed' || s.state.status === 'cancelled');
  const artifacts = useRunStore((s) => s.state.artifacts);
  const panel = useRef<HTMLElement>(null);
  // Opening a step moves the focus into its drawer (Escape closes it again).
  useEffect(() => {
    if (stepId) panel.current?.focus();
  }, [stepId]);
  const details = useMemo(() => stepDetails(events, upTo), [events, upTo]);
  const attempts = useMemo(
    () => stepIntervals(upTo === Number.POSITIVE_INFINITY ? events : events.filter((e) => e.seq <= upTo)),
    [events, upTo],
  );
  if (!stepId || !runId) return null;
  const view = views.steps[stepId];
  // The queue worker of the latest attempt (each attempt's is in the Attempts tab).
  const worker = attempts.at(-1)?.worker;
  const folder = runFolder(artifacts);
  const mine = artifacts.filter((a) => a.stepId === stepId);
  return (
    <aside
      className="step-drawer"
      aria-label={`Step ${stepId}`}
      data-testid="step-drawer"
      data-step-id={stepId}
    >
      <header className="drawer-header">
        <div>
          <div className="drawer-title">{view?.agent ?? 'barrier'}</div>
          <div className="drawer-subtitle">
            <code>{stepId}</code> · <span className={`run-status run-status-${status}`}>{status}</span>
            {worker ? (
              <span
                className="drawer-worker"
                title="The queue worker (baton worker) that ran its latest attempt"
                data-testid="step-worker"
                data-worker={worker}
              >
                on worker <code>{worker}</code>
              </span>
            ) : null}
            {simulated && view?.agent ? (
              <span
                className="run-simulated"
                title="A simulated stand-in ran for this agent, not the agent itself"
                data-testid="step-simulated"
              >
                simulated
              </span>
            ) : null}
          </div>
        </div>
        <button
          type="button"
          className="btn-icon"
          onClick={() => useRunUiStore.getState().openDrawer(null)}
          aria-label="Close"
          data-testid="drawer-close"
        >
          ×
        </button>
      </header>
      {view?.label && view.label !== view.agent ? <p className="drawer-task">{view.label}</p> : null}
      {details.reason ? <p className="drawer-reason">{details.reason}</p> : null}
      {status === 'failed' && runFailed && orchestrationId ? (
        <button
          type="button"
          className="btn btn-primary btn-small drawer-retry"
          onClick={() => void retryRun(runId, ensureSaved, navigate)}
          title="Run the current version again, reusing every unchanged step that succeeded"
          data-testid="retry"
        >
          ↻ Retry from here
        </button>
      ) : null}
      <Tabs<Tab>
        tabs={TABS.map((t) => ({
          id: t.id,
          label: `${t.label}${t.id === 'log' && details.logs.length ? ` (${details.logs.length})` : ''}${
            t.id === 'attempts' && attempts.length > 1 ? ` (${attempts.length})` : ''
          }`,
        }))}
        value={tab}
        onChange={setTab}
        testIdPrefix="drawer-tab-"
        className="drawer-tabs"
      />
      <div className="drawer-body">
        {tab === 'result' ? <ResultView result={details.result} verdict={details.verdict} /> : null}
        {tab === 'log' ? <StepLog lines={details.logs} /> : null}
        {tab === 'attempts' ? <AttemptList attempts={attempts} /> : null}
        {tab === 'artifacts' ? (
          mine.length ? (
            <ul className="artifact-list">
              {mine.map((a) => (
                <li key={a.path}>
                  {folder && a.path.startsWith(folder) ? (
                    <a
                      href={artifactUrl(runId, a.path.slice(folder.length))}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {a.name}
                    </a>
                  ) : (
                    a.name
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="drawer-empty">This step has produced no artifacts (yet).</p>
          )
        ) : null}
      </div>
    </aside>
  );
}
