import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from './processGroup.js';

/**
 * A step's scratch folder (the command runtime's invocation, prompt and result files) is named
 * after the process that made it: `baton-step-<pid>-<start>-XXXXXX`, `<start>` being when that
 * process started (Linux's /proc starttime; 0 elsewhere). A process dies with its folders on
 * disk only when it is killed outright; the next Baton to start removes them — and only
 * them: a folder whose owner is still running (another server, a `baton run`) is left alone.
 * A PID alone would not do: in a container the server is PID 1 on every start.
 */
const PREFIX = 'baton-step-';
const NAME = /^baton-step-(\d+)-(\d+)-[A-Za-z0-9]{6}$/;

/** When a process started, in clock ticks since boot; 0 when it cannot be told (not Linux). */
function startTime(pid: number): number | null {
  if (process.platform !== 'linux') return 0;
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state …": starttime is field 22, the 20th after the parenthesised name.
    const value = Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

const ownStart = startTime(process.pid) ?? 0;

/** A new scratch folder for one step of this process. */
export function createStepScratch(root: string = tmpdir()): string {
  return mkdtempSync(join(root, `${PREFIX}${process.pid}-${ownStart}-`));
}

/** Is the process that named a folder `<pid>-<start>` still running? */
function ownerRunning(pid: number, start: number): boolean {
  if (pid === process.pid) return start === ownStart;
  if (!processAlive(pid)) return false;
  const now = startTime(pid);
  // A live PID that started at another time is another process: the owner is gone.
  return now === null || start === 0 || now === 0 || now === start;
}

/**
 * Remove the scratch folders left by Baton processes that no longer run (killed with kill -9,
 * out of memory, a power cut). Returns the folders removed. Folders of other users, or of
 * another naming, are never touched.
 */
export function removeStaleStepScratch(root: string = tmpdir()): string[] {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return [];
  }
  const uid = process.getuid?.();
  const removed: string[] = [];
  for (const entry of entries) {
    const match = NAME.exec(entry);
    if (!match) continue;
    if (ownerRunning(Number(match[1]), Number(match[2]))) continue;
    const path = join(root, entry);
    try {
      const info = statSync(path);
      if (!info.isDirectory() || (uid !== undefined && info.uid !== uid)) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}
