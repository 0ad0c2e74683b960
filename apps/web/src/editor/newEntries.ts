/**
 * Which visits of `/new` carry on with the unsaved new orchestration, and which start a new one.
 * "New" (a link, the address typed) opens an empty document, the unsaved one offered beside it;
 * a reload of that page, or coming back to it in the history, carries on with what it held.
 * A visit is one history entry (React Router's location key, kept across a reload); the entries
 * that opened `/new` are remembered for the tab's life in session storage.
 */
const KEY = 'baton:new-entries';
/** React Router's key for the entry the page was loaded at (no history state yet). */
const FIRST_ENTRY = 'default';

function read(): string[] {
  try {
    const list = JSON.parse(sessionStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

function write(keys: string[]) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(keys.slice(-100)));
  } catch {
    // Storage disabled: every visit is a new one, the unsaved one offered.
  }
}

// A page loaded afresh (not reloaded, not from the history) starts at a new first entry.
const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
if (navigation && navigation.type !== 'reload' && navigation.type !== 'back_forward') {
  write(read().filter((k) => k !== FIRST_ENTRY));
}

/** Is this visit of `/new` a return to one that already opened (a reload, Back)? Marks it opened. */
export function returnsToNew(locationKey: string): boolean {
  const keys = read();
  if (keys.includes(locationKey)) return true;
  write([...keys, locationKey]);
  return false;
}
