import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { redisOptions } from '@baton/engine';
import { UsageError } from './exitCodes.js';

/** Options more than one command takes, checked with a message that says what to give. */

/**
 * `--dispatcher local|queue` and `--redis URL` (or BATON_DISPATCHER, BATON_REDIS_URL): the
 * Redis URL when steps go to queue workers, null when they run here.
 */
export function queueOption(dispatcher: string | undefined, redis: string | undefined): string | null {
  const which = dispatcher ?? process.env.BATON_DISPATCHER ?? 'local';
  if (which !== 'local' && which !== 'queue') {
    throw new UsageError(`--dispatcher must be 'local' or 'queue', not '${which}'`);
  }
  const url = redis ?? process.env.BATON_REDIS_URL;
  if (which === 'local') {
    if (redis !== undefined) throw new UsageError('--redis is for --dispatcher queue');
    return null;
  }
  if (!url) throw new UsageError('--dispatcher queue needs --redis URL (or BATON_REDIS_URL)');
  try {
    redisOptions(url);
  } catch (error) {
    throw new UsageError(`--redis: ${(error as Error).message}`);
  }
  return url;
}

export function numberOption(
  name: string,
  value: string | undefined,
  fallback: number,
  valid: (n: number) => boolean,
  what: string,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!value.trim() || !Number.isFinite(n) || !valid(n))
    throw new UsageError(`${name} must be ${what}, not '${value}'`);
  return n;
}

/** `--workspace DIR` (absolute), default the folder the command was started in; it must be a folder. */
export function workspaceOption(value: string | undefined): string {
  const dir = resolve(value ?? '.');
  const info = statSync(dir, { throwIfNoEntry: false });
  if (!info) throw new UsageError(`--workspace ${value}: no such folder (${dir})`);
  if (!info.isDirectory()) throw new UsageError(`--workspace ${value}: not a folder (${dir})`);
  return dir;
}
