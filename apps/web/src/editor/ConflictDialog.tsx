import { useNavigate } from 'react-router';
import { Dialog } from '../shared/Dialog';
import { useSessionStore } from '../store/useSessionStore';
import { keepMineAsCopy, reloadTheirs } from './saveDocument';

/** A stale save (412): reload the stored version, or keep mine as a copy. Nothing is overwritten. */
export function ConflictDialog() {
  const conflict = useSessionStore((s) => s.conflict);
  const navigate = useNavigate();
  const close = () => useSessionStore.setState({ conflict: null });
  return (
    <Dialog
      open={conflict !== null}
      onClose={close}
      title="Someone saved this orchestration first"
      testId="conflict-dialog"
    >
      {conflict ? (
        <>
          <p>
            <b>{conflict.name}</b> is now at version {conflict.version} (saved{' '}
            {new Date(conflict.updatedAt).toLocaleString()}). Your changes were made on an older version, so
            they were <b>not</b> saved over it.
          </p>
          <p className="muted">Your changes stay in this browser until you choose.</p>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={close}>
              Decide later
            </button>
            <button type="button" className="btn" onClick={reloadTheirs} data-testid="conflict-reload">
              Reload theirs (discard mine)
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void keepMineAsCopy(navigate)}
              data-testid="conflict-copy"
            >
              Keep mine as a copy
            </button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}
