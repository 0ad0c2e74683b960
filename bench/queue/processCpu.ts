/**
 * CPU time of the processes a queue run involves, to say where its time goes: the bench's own
 * process (scheduler + dispatcher), each `baton worker` (from /proc, Linux) and redis-server
 * (its INFO, read with redis-cli).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

/** A process's user + system CPU in ms from /proc/PID/stat; null where there is no /proc. */
export function processCpuMs(pid: number): number | null {
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is the 3rd, utime the 14th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / ticksPerSecond : null;
  } catch {
    return null;
  }
}

/** The fields of redis-server's INFO (section `section`), as text. */
export function redisInfo(port: number, section: string): Record<string, string> {
  const text = execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'INFO', section], {
    encoding: 'utf8',
  });
  const info: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const cut = line.indexOf(':');
    if (cut > 0 && !line.startsWith('#')) info[line.slice(0, cut)] = line.slice(cut + 1);
  }
  return info;
}

/** redis-server's own CPU (user + system, main thread and the rest) in ms. */
export function redisCpuMs(port: number): number {
  const info = redisInfo(port, 'cpu');
  return (Number(info.used_cpu_user) + Number(info.used_cpu_sys)) * 1000;
}

/** This process's CPU (user + system) in ms. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
