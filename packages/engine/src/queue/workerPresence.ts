import type { QueueWorker } from '@baton/core';
import type { Redis } from 'ioredis';
import { WORKERS_KEY } from './stepJob.js';

/** What a worker says of itself (`GET /api/workers`, docs/design.md §3.4): core's API type. */
export type WorkerPresence = QueueWorker;

/** A worker not heard of for this long is not listed (it beats every 5 s). */
export const PRESENCE_STALE_MS = 15_000;
export const HEARTBEAT_MS = 5_000;

export async function writePresence(redis: Redis, presence: WorkerPresence): Promise<void> {
  await redis.hset(WORKERS_KEY, presence.id, JSON.stringify(presence));
}

export async function removePresence(redis: Redis, id: string): Promise<void> {
  await redis.hdel(WORKERS_KEY, id);
}

/** The workers heard of recently, by id; entries gone stale for an hour are cleared away. */
export async function readPresence(redis: Redis, now = Date.now()): Promise<WorkerPresence[]> {
  const all = await redis.hgetall(WORKERS_KEY);
  const live: WorkerPresence[] = [];
  const gone: string[] = [];
  for (const [id, json] of Object.entries(all)) {
    let presence: WorkerPresence | null = null;
    try {
      presence = JSON.parse(json) as WorkerPresence;
    } catch {
      presence = null;
    }
    if (!presence || typeof presence !== 'object' || typeof presence.seenAt !== 'string') {
      gone.push(id);
      continue;
    }
    const age = now - Date.parse(presence.seenAt);
    if (age <= PRESENCE_STALE_MS) live.push(presence);
    else if (!(age < 3_600_000)) gone.push(id);
  }
  if (gone.length) await redis.hdel(WORKERS_KEY, ...gone);
  return live.sort((a, b) => a.id.localeCompare(b.id));
}
