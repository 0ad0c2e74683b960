/**
 * What a value read from YAML is, in the user's terms, for "expected …, got …": the types a tag
 * or YAML 1.1 gives (`!!binary`, a timestamp, `!!set`, `!!omap`) are named as such, not "a
 * mapping" (they are objects in JavaScript).
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data (!!binary)';
  if (value instanceof Date) {
    const when = Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
    return `a timestamp (${when}: an unquoted date is one under %YAML 1.1 or with !!timestamp; quote it to write text)`;
  }
  if (value instanceof Set) return 'a set (!!set)';
  if (value instanceof Map) return 'an ordered map (!!omap)';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? 'not-a-number (.nan)' : 'a number too large to hold (it reads as infinity)';
  }
  if (typeof value === 'bigint') return `integer ${value}`;
  return `${typeof value} ${String(value)}`;
}
