/** A `className` from its parts: the ones that are off (false, null, '') are left out. */
export function classNames(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}
