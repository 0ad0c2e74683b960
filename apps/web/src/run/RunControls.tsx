import type { RunDispatcher } from '@baton/core';
import { useNavigate } from 'react-router';
import { useHealth } from '../api/queries';
import { useRunStore } from '../runState/useRunStore';
import { chosenDispatcher, useRunUiStore } from '../runState/useRunUiStore';
import { classNames } from '../shared/classNames';
import { useRunActions } from './commands/RunActionsContext';
import { cancelRun, startRun } from './commands/runCommands';

const SPEEDS = [1, 2, 5, 10, 50];

/**
 * ▶ Run and ■ Cancel, with the run's options beside them: the speed of simulated agents, a dry
 * run (every agent simulated), and the dispatcher when the server offers more than one.
 */
export function RunControls({ canRun, whyNot }: { canRun: boolean; whyNot: string | null }) {
  const navigate = useNavigate();
  const { ensureSaved } = useRunActions();
  const speed = useRunUiStore((s) => s.speed);
  const picked = useRunUiStore((s) => s.dispatcher);
  const simulate = useRunUiStore((s) => s.simulate);
  const health = useHealth().data;
  const dispatchers = health?.dispatchers ?? ['local'];
  const dispatcher = chosenDispatcher(picked, health);
  const runId = useRunStore((s) => s.runId);
  // The run's own status, not the replay position's: a live run can be cancelled mid-replay.
  const active = useRunStore((s) => {
    const status = s.detail?.id === s.runId ? s.detail.status : undefined;
    return s.connection !== 'ended' && (status === 'queued' || status === 'running');
  });
  const cancellable = runId !== null && active;
  return (
    <div className="toolbar-group run-controls">
      <select
        className="select run-speed"
        value={speed}
        onChange={(e) => useRunUiStore.getState().setSpeed(Number(e.target.value))}
        title="Speed of simulated agents (real agents take their own time)"
        aria-label="Speed of simulated agents"
        data-testid="run-speed"
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      <label
        className={classNames('run-simulate', simulate && 'is-on')}
        title="Simulate all agents (dry run): every agent runs as its simulated stand-in, no agent CLI is called"
      >
        <input
          type="checkbox"
          checked={simulate}
          onChange={(e) => useRunUiStore.getState().setSimulate(e.target.checked)}
          aria-label="Simulate all agents (dry run)"
          data-testid="run-simulate"
        />
        <span>Dry run</span>
      </label>
      {dispatchers.length > 1 ? (
        <select
          className="select"
          value={dispatcher}
          onChange={(e) => useRunUiStore.getState().setDispatcher(e.target.value as RunDispatcher)}
          title="Where steps run: in this server, or on the queue's `baton worker` processes"
          aria-label="Where steps run"
          data-testid="run-dispatcher"
        >
          {dispatchers.map((d) => (
            <option key={d} value={d}>
              {d === 'local' ? 'This server' : 'Queue workers'}
            </option>
          ))}
        </select>
      ) : null}
      <button
        type="button"
        className="btn btn-run"
        disabled={!canRun}
        title={
          whyNot ??
          (simulate
            ? 'Save and dry-run this orchestration (every agent simulated)'
            : 'Save and run this orchestration')
        }
        onClick={() =>
          void startRun(
            ensureSaved,
            {
              speed,
              ...(dispatchers.length > 1 ? { dispatcher } : {}),
              ...(simulate ? { simulate: true } : {}),
            },
            navigate,
          )
        }
        data-testid="run"
      >
        ▶ Run
      </button>
      <button
        type="button"
        className="btn btn-icon-only"
        disabled={!cancellable}
        title={cancellable ? 'Cancel the run shown' : 'Cancel (no run is in progress here)'}
        aria-label="Cancel run"
        onClick={() => runId && void cancelRun(runId)}
        data-testid="cancel"
      >
        ■
      </button>
    </div>
  );
}
