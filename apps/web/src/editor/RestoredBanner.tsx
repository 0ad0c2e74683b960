import type { OrchestrationRecord } from '@baton/core';
import { keys, queryClient } from '../api/queries';
import { clearDraft } from '../store/drafts';
import { useDocumentStore } from '../store/useDocumentStore';
import { useSessionStore } from '../store/useSessionStore';
import { openNew, openRecord } from './openDocument';

/** Unsaved changes were brought back from this browser's storage: say so, offer to drop them. */
export function RestoredBanner() {
  const restoredAt = useSessionStore((s) => s.restoredAt);
  if (!restoredAt) return null;
  const discard = () => {
    const { id } = useSessionStore.getState();
    clearDraft(id);
    const registry = useDocumentStore.getState().registry;
    const record = id ? queryClient.getQueryData<OrchestrationRecord>(keys.one(id)) : undefined;
    if (record) openRecord(record, registry);
    else openNew(registry);
  };
  return (
    <div className="banner" role="status" data-testid="restored-banner">
      <span>
        Restored your unsaved changes from {new Date(restoredAt).toLocaleString()}. They are not on the server
        until you save.
      </span>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => useSessionStore.setState({ restoredAt: null })}
      >
        Keep
      </button>
      <button
        type="button"
        className="btn btn-small btn-danger-ghost"
        onClick={discard}
        data-testid="discard-draft"
      >
        Discard them
      </button>
    </div>
  );
}
