/**
 * `record[key]` when `key` is the record's own: a user's name such as `constructor` or
 * `toString` must not find what every object inherits (`function Object()…`).
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
