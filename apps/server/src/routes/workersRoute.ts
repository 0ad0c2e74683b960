import type { QueueHealth, WorkersResponse } from '@baton/core';
import type { QueueDispatcher } from '@baton/engine';
import { Router } from 'express';

/** How long the list may take: Redis answering slowly must not hold the request. */
const READ_BOUND_MS = 2000;

/** The queue as `/api/health` and `/api/workers` show it; null without one. */
export function queueHealth(queue: QueueDispatcher | null, redis: string): QueueHealth | null {
  return queue ? { redis, reachable: queue.reachable() } : null;
}

/**
 * `GET /api/workers` (docs/design.md §4): the queue workers heard of in the last 15 s. Answers at
 * once when Redis is unreachable (an empty list, `reachable: false`), never waits for it.
 */
export function workersRoute(queue: QueueDispatcher | null, redis: string): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const body: WorkersResponse = { queue: queueHealth(queue, redis), workers: [] };
    if (queue && body.queue?.reachable) {
      const listed = await Promise.race([
        queue.workers().catch(() => null),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), READ_BOUND_MS).unref()),
      ]);
      if (listed) body.workers = listed;
      else body.queue = { redis, reachable: false };
    }
    res.json(body);
  });
  return router;
}
