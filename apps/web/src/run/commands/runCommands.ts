import type { CreateRunRequest } from '@baton/core';
import { ApiRequestError, api } from '../../api/client';
import { keys, queryClient } from '../../api/queries';
import { toast } from '../../shared/useToastStore';

type Navigate = (path: string) => void;

const messageOf = (error: unknown) =>
  error instanceof ApiRequestError ? error.message : 'the server did not answer';

function opened(orchestrationId: string, runId: string, navigate: Navigate) {
  void queryClient.invalidateQueries({ queryKey: keys.runs(orchestrationId) });
  navigate(`/o/${encodeURIComponent(orchestrationId)}/runs/${encodeURIComponent(runId)}`);
}

/**
 * ▶ Run: a run always belongs to a stored version, so `ensureSaved` saves what is unsaved
 * first (and answers the orchestration's id, or null when it could not); then the run starts
 * and its address opens. `simulate` makes it a dry run: every agent as its simulated stand-in.
 */
export async function startRun(
  ensureSaved: () => Promise<string | null>,
  options: Pick<CreateRunRequest, 'speed' | 'dispatcher' | 'simulate'>,
  navigate: Navigate,
): Promise<void> {
  const orchestrationId = await ensureSaved();
  if (!orchestrationId) return;
  try {
    const run = await api.startRun({ orchestrationId, ...options });
    opened(orchestrationId, run.id, navigate);
  } catch (error) {
    toast('error', `The run did not start: ${messageOf(error)}`, 7000);
  }
}

/**
 * Retry: a new run of the current version that reuses every unchanged step that succeeded.
 * Unsaved changes (the fix, typically) are saved first, as for ▶ Run.
 */
export async function retryRun(
  runId: string,
  ensureSaved: () => Promise<string | null>,
  navigate: Navigate,
): Promise<void> {
  const orchestrationId = await ensureSaved();
  if (!orchestrationId) return;
  try {
    const run = await api.startRun({ retryOf: runId });
    opened(orchestrationId, run.id, navigate);
  } catch (error) {
    toast('error', `The retry did not start: ${messageOf(error)}`, 7000);
  }
}

export async function cancelRun(runId: string): Promise<void> {
  try {
    await api.cancelRun(runId);
  } catch (error) {
    toast('error', `Not cancelled: ${messageOf(error)}`, 6000);
  }
}
