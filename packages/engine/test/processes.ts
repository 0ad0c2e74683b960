import { existsSync, readFileSync } from 'node:fs';
import { processAlive } from '@baton/engine';

/** What hang-agent.mjs records: its own pid and its grandchild's. */
export interface Pids {
  child: number;
  grandchild: number;
}

export const readPids = (path: string): Pids[] =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Pids)
    : [];

/** The pids the hang agents recorded, once `count` of them are up. */
export async function waitForPids(path: string, count = 1, timeoutMs = 10_000): Promise<Pids[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const pids = readPids(path);
    if (pids.length >= count) return pids;
    if (Date.now() > until) throw new Error(`${path}: ${pids.length} of ${count} agents up`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Those of the processes still alive (zombies count as dead). */
export const alive = (pids: Pids[]): number[] =>
  pids.flatMap((p) => [p.child, p.grandchild]).filter(processAlive);
