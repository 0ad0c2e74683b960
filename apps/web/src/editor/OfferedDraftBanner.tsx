import type { Draft } from '../store/drafts';
import { useDocumentStore } from '../store/useDocumentStore';
import { useSessionStore } from '../store/useSessionStore';
import { discardSetAside, restoreSetAside } from './openDocument';

function describe(draft: Draft): string {
  const stages = draft.document.stages.length;
  const name = draft.document.name ? `“${draft.document.name}”` : 'An untitled orchestration';
  return `${name} (${stages} stage${stages === 1 ? '' : 's'}) from ${new Date(draft.savedAt).toLocaleString()}`;
}

/**
 * New opened an empty orchestration: the unsaved ones it put aside are offered, newest first —
 * restored with a click, discarded only when the person says so.
 */
export function OfferedDraftBanner() {
  const offered = useSessionStore((s) => s.offered);
  const id = useSessionStore((s) => s.id);
  const draft = offered[0];
  if (!draft || id !== null) return null;
  const more = offered.length - 1;
  return (
    <div className="banner banner-offer" role="status" data-testid="offered-draft">
      <span>
        {describe(draft)} was not saved. It is kept in this browser
        {more > 0 ? ` (and ${more} older unsaved one${more === 1 ? '' : 's'})` : ''}.
      </span>
      <button
        type="button"
        className="btn btn-small btn-primary"
        onClick={() => restoreSetAside(draft, useDocumentStore.getState().registry)}
        data-testid="restore-offered-draft"
      >
        Restore it
      </button>
      <button
        type="button"
        className="btn btn-small btn-danger-ghost"
        onClick={() => discardSetAside(draft)}
        data-testid="discard-offered-draft"
      >
        Discard it
      </button>
    </div>
  );
}
