import type { RedisOptions } from 'bullmq';

/**
 * A Redis URL checked and made ioredis options, or an error saying what to fix. With
 * `stopped`: once it returns true, connections stop reconnecting (closing against a Redis
 * that is gone would otherwise retry for ever, and keep the process alive).
 */
export function redisOptions(url: string, stopped: () => boolean = () => false): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`'${url}' is not a Redis URL: give one like redis://127.0.0.1:6379`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(
      `'${url}' is not a Redis URL (redis:// or rediss://): give one like redis://127.0.0.1:6379`,
    );
  }
  const options: RedisOptions = {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    // BullMQ's rule for its connections: commands wait for Redis to come back rather than
    // fail after a few tries; Baton bounds the wait itself, per step.
    maxRetriesPerRequest: null,
    // Reconnect for ever, at most every 2 s: a restarted Redis is found again soon.
    retryStrategy: (times) => (stopped() ? null : Math.min(200 * times, 2000)),
  };
  if (parsed.username) options.username = decodeURIComponent(parsed.username);
  if (parsed.password) options.password = decodeURIComponent(parsed.password);
  const db = parsed.pathname.replace(/^\//, '');
  if (db) {
    if (!/^\d+$/.test(db)) throw new Error(`'${url}': the database after the last / must be a number`);
    options.db = Number(db);
  }
  if (parsed.protocol === 'rediss:') options.tls = {};
  return options;
}

/** The URL as it may be shown: without its password. */
export function shownRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
