import { readdirSync, readFileSync } from 'node:fs';

const POLL_MS = 25;

/**
 * Is any live process left in the process group? A zombie does not count: it is dead, and
 * where PID 1 does not reap orphans (containers, VMs) a zombie can linger for ever.
 */
export function processGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(Number(entry));
      if (stat && stat.pgrp === pgid && stat.state !== 'Z') return true;
    }
    return false;
  } catch {
    return true;
  }
}

/** Is this process alive (a zombie is not)? */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  const stat = readStat(pid);
  return stat ? stat.state !== 'Z' : false;
}

function readStat(pid: number): { state: string; pgrp: number } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', pgrp: Number(fields[2]) };
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Stop a whole process tree: SIGTERM to the group, SIGKILL to whatever is left after
 * `graceMs`. Resolves once no live process of the group remains (or shortly after SIGKILL).
 */
export async function terminateProcessGroup(pgid: number, graceMs: number): Promise<void> {
  if (!processGroupAlive(pgid)) return;
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await pause(POLL_MS);
    if (!processGroupAlive(pgid)) return;
  }
  signalGroup(pgid, 'SIGKILL');
  const killDeadline = Date.now() + 2000;
  while (Date.now() < killDeadline && processGroupAlive(pgid)) await pause(POLL_MS);
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
