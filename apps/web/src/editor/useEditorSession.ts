import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { ApiRequestError } from '../api/client';
import { useAgentRegistry, useOrchestration } from '../api/queries';
import { useDocumentStore } from '../store/useDocumentStore';
import { returnsToNew } from './newEntries';
import { openNew, openRecord } from './openDocument';
import { useDraftPersistence } from './useDraftPersistence';

export type SessionStatus = 'loading' | 'ready' | 'missing' | 'broken' | 'offline';

/** Load the orchestration of the address (or a new one) into the editor, once per address. */
export function useEditorSession(id: string | null): { status: SessionStatus; message: string | null } {
  const registry = useAgentRegistry();
  const query = useOrchestration(id ?? undefined);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const key = id ?? 'new';
  const location = useLocation();

  useEffect(() => {
    useDocumentStore.getState().setRegistry(registry);
  }, [registry]);

  useEffect(() => {
    if (openKey === key) return;
    if (id !== null && id === adopted) {
      adopted = null;
      setOpenKey(key);
      return;
    }
    if (id === null) {
      openNew(registry, { resume: returnsToNew(location.key) });
      setOpenKey(key);
    } else if (query.data && query.data.id === id) {
      setOpenKey(openRecord(query.data, registry) ? key : `broken:${key}`);
    }
  }, [id, key, openKey, query.data, registry, location.key]);

  useDraftPersistence(openKey === key);

  if (openKey === key) return { status: 'ready', message: null };
  if (openKey === `broken:${key}`) return { status: 'broken', message: 'The stored file does not parse.' };
  if (query.error) {
    const missing = query.error instanceof ApiRequestError && query.error.status === 404;
    return { status: missing ? 'missing' : 'offline', message: query.error.message };
  }
  return { status: 'loading', message: null };
}

let adopted: string | null = null;

/**
 * After the first save of a new document the address changes to its id: the editor keeps the
 * document (and its undo history) as it is instead of loading it again.
 */
export function adoptSavedId(id: string) {
  adopted = id;
}
