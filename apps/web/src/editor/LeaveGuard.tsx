import { useEffect } from 'react';
import { type Location, useBlocker } from 'react-router';
import { Dialog } from '../shared/Dialog';
import { isDirty, useDocumentStore } from '../store/useDocumentStore';
import { useSessionStore } from '../store/useSessionStore';

/** Does going to `next` leave the document open now (its own runs are still its editor)? */
function leavesDocument(current: Location, next: Location): boolean {
  if (next.pathname === current.pathname) return false;
  const { id } = useSessionStore.getState();
  if (id === null) return true;
  const home = `/o/${encodeURIComponent(id)}`;
  return next.pathname !== home && !next.pathname.startsWith(`${home}/`);
}

/**
 * Leaving the editor with unsaved changes asks first: a link or Back within the app opens this
 * dialog; closing or reloading the page asks the browser's own question. (The changes are kept
 * in this browser as a draft either way; the question is whether to leave them unsaved.)
 */
export function LeaveGuard() {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      isDirty(useDocumentStore.getState()) && leavesDocument(currentLocation, nextLocation),
  );
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!isDirty(useDocumentStore.getState())) return;
      event.preventDefault();
      // Older browsers ask only when a value is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
  const isNew = useSessionStore((s) => s.id === null);
  const blocked = blocker.state === 'blocked';
  return (
    <Dialog
      open={blocked}
      onClose={() => blocker.reset?.()}
      title="Leave with unsaved changes?"
      testId="leave-dialog"
    >
      <p>Your changes are not saved on the server.</p>
      <p className="muted">
        They stay in this browser as a draft:{' '}
        {isNew
          ? 'New orchestration offers to restore it.'
          : 'opening this orchestration again brings them back.'}
      </p>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => blocker.proceed?.()} data-testid="leave-confirm">
          Leave
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => blocker.reset?.()}
          data-testid="leave-stay"
        >
          Stay
        </button>
      </div>
    </Dialog>
  );
}
