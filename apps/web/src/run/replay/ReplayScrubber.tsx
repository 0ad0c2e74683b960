import { useEffect, useState } from 'react';
import { useRunStore } from '../../runState/useRunStore';

const RATES = [10, 50, 200];

/**
 * Replays the run event by event: the canvas, drawer and timeline show the state folded from
 * the events up to the position. A native range input (role slider, one event per arrow key,
 * Home/End to the ends), with `aria-valuenow` = the number of events folded.
 */
export function ReplayScrubber() {
  const position = useRunStore((s) => s.position);
  const total = useRunStore((s) => s.events.length);
  const following = useRunStore((s) => s.following);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(RATES[1] as number);

  useEffect(() => {
    if (!playing) return;
    const stepMs = 1000 / rate;
    // Several events per tick at high rates: timers fire at most every few ms.
    const perTick = Math.max(1, Math.round(rate / 60));
    const timer = setInterval(() => {
      const s = useRunStore.getState();
      if (s.position >= s.events.length) {
        setPlaying(false);
        return;
      }
      s.seek(s.position + perTick);
    }, stepMs * perTick);
    return () => clearInterval(timer);
  }, [playing, rate]);

  const play = () => {
    const s = useRunStore.getState();
    if (s.position >= s.events.length) s.seek(0);
    setPlaying(true);
  };
  const step = (delta: number) => {
    setPlaying(false);
    const s = useRunStore.getState();
    s.seek(s.position + delta);
  };

  return (
    <div className="replay" data-testid="replay">
      <button
        type="button"
        className="btn btn-icon-only"
        onClick={() => step(-1)}
        disabled={position === 0}
        aria-label="One event back"
        data-testid="replay-back"
      >
        ‹
      </button>
      <button
        type="button"
        className="btn btn-icon-only"
        onClick={playing ? () => setPlaying(false) : play}
        disabled={total === 0}
        aria-label={playing ? 'Pause the replay' : 'Replay'}
        data-testid="replay-play"
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <button
        type="button"
        className="btn btn-icon-only"
        onClick={() => step(1)}
        disabled={position >= total}
        aria-label="One event forward"
        data-testid="replay-forward"
      >
        ›
      </button>
      <input
        type="range"
        className="replay-range"
        min={0}
        max={total}
        step={1}
        value={position}
        onChange={(e) => {
          setPlaying(false);
          useRunStore.getState().seek(Number(e.target.value));
        }}
        aria-label="Replay position (events folded)"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={position}
        aria-valuetext={`${position} of ${total} events`}
        data-testid="replay-scrubber"
      />
      <span className="replay-count" data-testid="replay-count">
        {position} / {total}
      </span>
      <select
        className="select"
        value={rate}
        onChange={(e) => setRate(Number(e.target.value))}
        aria-label="Replay speed (events a second)"
        data-testid="replay-rate"
      >
        {RATES.map((r) => (
          <option key={r} value={r}>
            {r} ev/s
          </option>
        ))}
      </select>
      {!following ? (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            setPlaying(false);
            useRunStore.getState().seek(Number.POSITIVE_INFINITY);
          }}
          data-testid="replay-end"
        >
          To the end
        </button>
      ) : null}
    </div>
  );
}
